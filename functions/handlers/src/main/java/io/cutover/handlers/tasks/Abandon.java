package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.LockRelease;
import io.cutover.handlers.tasks.TaskInput.CaughtError;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Before any weight moved: gives the migration back untouched (READY back to IDLE, the lock released if ours).
 * Never touches weights, fence or replication.
 */
public final class Abandon implements WorkflowTask<Abandon.Input, Boolean> {
    /** Before the first weight moved; or a rollback that an alarm started while the gate was still open. */
    private static final Set<Phase> RUNS_FROM = EnumSet.of(Phase.IDLE, Phase.READY, Phase.ROLLING_BACK,
            Phase.ROLLED_BACK);

    public record Input(boolean timedOut, String error) {
    }

    @Override
    public String name() {
        return "abandon";
    }

    @Override
    public Input input(TaskInput call) {
        CaughtError cause = call.optionalCause("cause");
        String error = cause == null ? "" : cause.error();
        return new Input("ReadinessTimedOut".equals(error), error);
    }

    @Override
    public Set<Phase> runsFrom(Input input) {
        return RUNS_FROM;
    }

    @Override
    public boolean needsLock() {
        return false;
    }

    /** Whether the lock was released (false when this execution did not hold it). */
    @Override
    public Boolean effect(TaskContext context, Input input) {
        context.record(PhaseStep.from(Phase.READY, Phase.IDLE, 0,
                input.timedOut() ? "readiness deadline passed" : "abandoned: " + input.error()));
        LockRelease release = context.ports().lock().release(context.migrationId(), context.executionName());
        return release instanceof LockRelease.Released;
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, Boolean lockReleased) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("outcome", input.timedOut() ? "not_ready" : "abandoned");
        result.put("lockReleased", lockReleased);
        return result;
    }
}
