package io.cutover.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.event.CutoverEvent;
import io.cutover.core.event.EventParser;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.EventReactions;
import java.util.List;

/** CloudWatch alarm state changes → immediate rollback of an active cutover. */
public final class AlarmRollbackHandler extends ValidatingHandler<CutoverEvent.AlarmStateChange> {
    static final List<String> ACCEPTED = List.of(EventParser.ALARM_STATE_CHANGE);

    private final EventReactions reactions;

    public AlarmRollbackHandler() {
        this(AwsWiring.cloudPorts(), Streams.requiredEnv("MIGRATION_ID"));
    }

    public AlarmRollbackHandler(CloudPorts ports, String migrationId) {
        super(migrationId);
        this.reactions = new EventReactions(ports);
    }

    @Override
    CutoverEvent.AlarmStateChange parse(String body) {
        return (CutoverEvent.AlarmStateChange) EventParser.parse(body, ACCEPTED);
    }

    @Override
    ObjectNode act(CutoverEvent.AlarmStateChange change) {
        return reactions.alarm(migrationId, change);
    }

    @Override
    String describe(CutoverEvent.AlarmStateChange change) {
        return "alarm " + change.alarmName() + " -> " + change.state();
    }
}
