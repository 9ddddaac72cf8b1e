package io.cutover.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.event.CutoverEvent;
import io.cutover.core.event.EventParser;
import io.cutover.core.event.InvalidEventException;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.EventReactions;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** EventBridge schedule and DMS task state changes → readiness probe and verdict. */
public final class ReadinessPollHandler implements RequestStreamHandler {
    static final List<String> ACCEPTED = List.of(EventParser.SCHEDULED, EventParser.DMS_STATE_CHANGE);

    private final EventReactions reactions;
    private final String migrationId;
    private final JsonLog log;

    public ReadinessPollHandler() {
        this(AwsWiring.cloudPorts(), Streams.requiredEnv("MIGRATION_ID"));
    }

    public ReadinessPollHandler(CloudPorts ports, String migrationId) {
        this.reactions = new EventReactions(ports);
        this.migrationId = migrationId;
        this.log = JsonLog.stdout(migrationId, null);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Streams.write(output, Json.write(handle(Streams.read(input))));
    }

    public ObjectNode handle(String body) {
        CutoverEvent event;
        try {
            event = EventParser.parse(body, ACCEPTED);
        } catch (InvalidEventException e) {
            log.warn("invalid event", "problems", e.problems().stream().map(Problem::message).toList());
            return InvalidAnswers.invalid(e);
        }
        ObjectNode result = reactions.readiness(migrationId, event);
        log.info("readiness", "event", event.getClass().getSimpleName(), "outcome", result.path("outcome").asText(),
                "message", result.path("message").asText());
        return result;
    }
}
