package io.cutover.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.event.CutoverEvent;
import io.cutover.core.event.EventParser;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.EventReactions;
import java.util.List;

/** EventBridge schedule and DMS task state changes → readiness probe and verdict. */
public final class ReadinessPollHandler extends ValidatingHandler<CutoverEvent> {
    static final List<String> ACCEPTED = List.of(EventParser.SCHEDULED, EventParser.DMS_STATE_CHANGE);

    private final EventReactions reactions;

    public ReadinessPollHandler() {
        this(AwsWiring.cloudPorts(), Streams.requiredEnv("MIGRATION_ID"));
    }

    public ReadinessPollHandler(CloudPorts ports, String migrationId) {
        super(migrationId);
        this.reactions = new EventReactions(ports);
    }

    @Override
    CutoverEvent parse(String body) {
        return EventParser.parse(body, ACCEPTED);
    }

    @Override
    ObjectNode act(CutoverEvent event) {
        return reactions.readiness(migrationId, event);
    }

    @Override
    String describe(CutoverEvent event) {
        return event.getClass().getSimpleName();
    }
}
