package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.LockRelease;
import io.cutover.handlers.tasks.TaskInput.CaughtError;
import java.util.EnumSet;

/**
 * Before any weight moved: gives the migration back untouched (READY back to IDLE, the lock released if ours).
 * Never touches weights, fence or replication.
 */
public final class Abandon extends BaseTask<Abandon.Input, Boolean> {
    public record Input(boolean timedOut, String error) {
    }

    /** Runs before the first weight moved; or after a rollback an alarm started while the gate was still open. */
    public Abandon() {
        super("abandon", Abandon::parse, EnumSet.of(Phase.IDLE, Phase.READY, Phase.ROLLING_BACK, Phase.ROLLED_BACK),
                Lock.NOT_NEEDED);
    }

    private static Input parse(TaskInput call) {
        CaughtError cause = call.optionalCause("cause");
        String error = cause == null ? "" : cause.error();
        return new Input("ReadinessTimedOut".equals(error), error);
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
