package io.cutover.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.request.CutoverRequest;
import io.cutover.core.request.RequestParser;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.CutoverApi;

/** {@code aws lambda invoke} entry point: the payload contract of test-payloads/. */
public final class CutoverApiHandler extends ValidatingHandler<CutoverRequest> {
    private final CutoverApi api;

    public CutoverApiHandler() {
        this(AwsWiring.cloudPorts(), Streams.requiredEnv("MIGRATION_ID"));
    }

    public CutoverApiHandler(CloudPorts ports, String migrationId) {
        super(migrationId);
        this.api = new CutoverApi(ports);
    }

    @Override
    CutoverRequest parse(String body) {
        return RequestParser.parse(body);
    }

    @Override
    ObjectNode act(CutoverRequest request) {
        return api.handle(migrationId, request);
    }

    @Override
    String describe(CutoverRequest request) {
        return request.action().wireName() + (request.dryRun() ? " (dry run)" : "");
    }
}
