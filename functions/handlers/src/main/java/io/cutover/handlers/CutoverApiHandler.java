package io.cutover.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import io.cutover.core.request.CutoverRequest;
import io.cutover.core.request.InvalidRequestException;
import io.cutover.core.request.RequestParser;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.CutoverApi;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code aws lambda invoke} entry point: the payload contract of test-payloads/. */
public final class CutoverApiHandler implements RequestStreamHandler {
    private final CutoverApi api;
    private final String migrationId;
    private final JsonLog log;

    public CutoverApiHandler() {
        this(AwsWiring.cloudPorts(), Streams.requiredEnv("MIGRATION_ID"));
    }

    public CutoverApiHandler(CloudPorts ports, String migrationId) {
        this.api = new CutoverApi(ports);
        this.migrationId = migrationId;
        this.log = JsonLog.stdout(migrationId, null);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Streams.write(output, Json.write(handle(Streams.read(input))));
    }

    /** Validates the body completely before anything else happens; an invalid one changes nothing. */
    public ObjectNode handle(String body) {
        CutoverRequest request;
        try {
            request = RequestParser.parse(body);
        } catch (InvalidRequestException e) {
            log.warn("invalid request", "problems", e.problems().stream().map(Problem::message).toList());
            return InvalidAnswers.invalid(e);
        }
        log.info("request", "action", request.action().wireName(), "dryRun", request.dryRun());
        ObjectNode answer = api.handle(migrationId, request);
        log.info("answer", "action", request.action().wireName(), "outcome", answer.path("outcome").asText(),
                "message", answer.path("message").asText());
        return answer;
    }
}
