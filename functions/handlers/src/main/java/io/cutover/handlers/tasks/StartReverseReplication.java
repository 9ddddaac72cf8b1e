package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DmsReverseReplication;
import io.cutover.handlers.app.ReverseSwitch;
import io.cutover.handlers.app.ReverseSwitch.ReverseReplicationState;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;
import java.util.Map;

/**
 * At the switch, after the drain and the checks, before the writer moves: forward replication stops and the reverse
 * one (target → source) starts, so that every write the target takes can go back on a rollback (issue 18). Its
 * report is stored: from then on a rollback that finds the writer on the target is the switch in reverse.
 * A failure rolls back (the writer has not moved).
 *
 * <p>Over DMS (with {@code replication.reverseDmsTaskArn}): the forward tasks stopped and waited out, then the
 * reverse slot on the target, then the reverse task started from the slot's start ({@link DmsReverseReplication}).
 * The report is stored before the reverse task is asked to start, so a failed start is undone by the rollback
 * (reverse task stopped, slot dropped, forward tasks resumed).
 */
public final class StartReverseReplication extends BaseTask<NoInput, JsonNode> {
    public StartReverseReplication() {
        super("startReverseReplication", NoInput::of, EnumSet.of(Phase.DRAINED), Lock.HELD);
    }

    @Override
    public JsonNode effect(TaskContext context, NoInput input) {
        CutoverConfig config = context.config();
        DmsReverseReplication dms = config.replication().hasDmsReverseTask()
                ? new DmsReverseReplication(context.ports().dmsTasks()) : null;
        Map<String, String> forwardStopped = dms == null ? null : dms.stopForward(config);
        ObjectNode report;
        try (DatabaseSide db = context.databases()) {
            report = (ObjectNode) db.startReverseReplication();
        }
        if (dms != null) {
            report.set("forwardTasks", DmsReverseReplication.describe(forwardStopped));
            context.store().saveDocument(ReverseSwitch.REVERSE_REPLICATION, new ReverseReplicationState(report, false));
            report.put("reverseTaskStatus", dms.startReverse(config, report.path("cdcStartPosition").asText()));
        }
        context.store().saveDocument(ReverseSwitch.REVERSE_REPLICATION, new ReverseReplicationState(report, false));
        // The started replication's record now covers what PrepareReverseReplication created.
        context.store().deleteDocument(ReverseSwitch.REVERSE_PREPARED);
        return report;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, JsonNode report) {
        return (ObjectNode) report;
    }
}
