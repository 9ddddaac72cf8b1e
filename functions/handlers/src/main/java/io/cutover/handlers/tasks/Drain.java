package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.TableStatistics;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.RollbackService.FenceState;
import io.cutover.handlers.errors.DmsTablesFailedAfterFenceException;
import io.cutover.handlers.errors.FenceRecordMissingException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Waits until the target has applied everything the source committed up to the fence. */
public final class Drain extends BaseTask<NoInput, Drain.Drained> {
    /**
     * @param millis how long the wait took. For DMS no CloudWatch metric is read here: a datapoint is published per
     *               period and lags it, so it says nothing about the fence; the drain's marker is the proof.
     */
    public record Drained(long millis) {
    }

    public Drain() {
        super("drain", NoInput::of, EnumSet.of(Phase.FENCED, Phase.DRAINED), Lock.HELD);
    }

    @Override
    public Drained effect(TaskContext context, NoInput input) {
        CutoverConfig config = context.config();
        FenceState fence = context.store().document(CutoverStore.FENCE, FenceState.class)
                .orElseThrow(() -> new FenceRecordMissingException("drain before fence: no fence record"));
        long millis;
        try (DatabaseSide db = context.databases()) {
            millis = db.drain(fence.record(), Duration.ofSeconds(config.drainTimeoutSeconds()));
        }
        if (config.replication().kind() == ReplicationKind.DMS) {
            requireNoTableFailedSinceTheGate(context, config);
        }
        return new Drained(millis);
    }

    /**
     * The writer gate required no table in error and no failed validation; one DescribeTableStatistics per task after
     * the marker makes sure neither happened since. A table in 'Table error' is suspended and its changes are not
     * applied, so the marker (in a table of its own) can arrive while that table's last changes never will (DMS User
     * Guide, "Monitoring DMS tasks", table state). Validation runs behind the apply, so a mismatch in the very last
     * changes may show only later: this catches what DMS knows by now, the row counts that follow catch missing rows.
     */
    private static void requireNoTableFailedSinceTheGate(TaskContext context, CutoverConfig config) {
        List<String> failed = new ArrayList<>();
        for (String taskArn : config.replication().dmsTaskArns()) {
            TableStatistics stats = context.ports().dms().tableStatistics(taskArn);
            String task = DmsTaskArn.resourceId(taskArn);
            if (!stats.erroredTables().isEmpty()) {
                failed.add("task " + task + " has tables in 'Table error': " + stats.erroredTables());
            }
            if (stats.validationFailedRecords() > 0) {
                failed.add("task " + task + " has " + stats.validationFailedRecords() + " rows whose validation failed");
            }
        }
        if (!failed.isEmpty()) {
            throw new DmsTablesFailedAfterFenceException("the drain's marker arrived, but DescribeTableStatistics says "
                    + String.join("; ", failed) + ": the target is not a copy of the fenced source");
        }
    }

    @Override
    public Optional<PhaseStep> phaseAfter(NoInput input, Drained drained) {
        return Optional.of(PhaseStep.fromOwn(Phase.FENCED, Phase.DRAINED, 100, "drained in " + drained.millis()
                + " ms"));
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, Drained drained) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("drainMillis", drained.millis());
        return result;
    }
}
