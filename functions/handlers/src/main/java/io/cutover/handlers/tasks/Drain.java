package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.RollbackService.FenceState;
import io.cutover.handlers.errors.FenceRecordMissingException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.time.Duration;
import java.util.EnumSet;
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
        return new Drained(millis);
    }

    @Override
    public Optional<PhaseStep> phaseAfter(NoInput input, Drained drained) {
        return Optional.of(PhaseStep.from(Phase.FENCED, Phase.DRAINED, 100, "drained in " + drained.millis() + " ms"));
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, Drained drained) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("drainMillis", drained.millis());
        return result;
    }
}
