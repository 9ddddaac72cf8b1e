package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.ReverseSwitch;
import io.cutover.handlers.app.ReverseSwitch.ReverseReplicationState;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * At the switch, after the drain and the checks, before the writer moves: forward replication stops and the reverse
 * one (target → source) starts, so that every write the target takes can go back on a rollback (issue 18). Its
 * report is stored: from then on a rollback that finds the writer on the target is the switch in reverse.
 * A failure rolls back (the writer has not moved).
 */
public final class StartReverseReplication extends BaseTask<NoInput, JsonNode> {
    public StartReverseReplication() {
        super("startReverseReplication", NoInput::of, EnumSet.of(Phase.DRAINED), Lock.HELD);
    }

    @Override
    public JsonNode effect(TaskContext context, NoInput input) {
        JsonNode report;
        try (DatabaseSide db = context.databases()) {
            report = db.startReverseReplication();
        }
        context.store().saveDocument(ReverseSwitch.REVERSE_REPLICATION, new ReverseReplicationState(report, false));
        return report;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, JsonNode report) {
        return (ObjectNode) report;
    }
}
