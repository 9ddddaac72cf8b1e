package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.port.cloud.LockRelease;
import io.cutover.handlers.errors.LockReleaseRefusedException;

/**
 * The rollback's end: ROLLED_BACK, and the lock released. An execution started for a hand-over (docs/recovery.md)
 * never took the lock: one still held by an earlier execution of the migration is left as it is and reported, not
 * turned into a failed rollback after the recovery succeeded.
 */
public final class FinishRollback extends BaseTask<FinishRollback.Input, LockRelease> {

    /** @param handedOver the execution recovers for a rollback begun outside it */
    public record Input(boolean handedOver) {
    }

    public FinishRollback() {
        super("finishRollback", call -> new Input(call.optionalHandOver() != null), Recover.AFTER_ROLLBACK, Lock.NOT_NEEDED);
    }

    @Override
    public LockRelease effect(TaskContext context, Input input) {
        context.rollbacks().finish(context.store(), "workflow rolled back");
        LockRelease release = context.ports().lock().release(context.migrationId(), context.executionName());
        if (release instanceof LockRelease.Refused refused && !input.handedOver()) {
            throw new LockReleaseRefusedException(refused.reason());
        }
        return release;
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, LockRelease release) {
        ObjectNode output = outcome("rolled_back");
        if (release instanceof LockRelease.Refused refused) {
            output.put("lockHeldBy", refused.holder().owner());
        }
        return output;
    }
}
