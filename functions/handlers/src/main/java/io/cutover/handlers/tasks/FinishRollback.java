package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;

/** The rollback's end: ROLLED_BACK, and the lock released. */
public final class FinishRollback extends BaseTask<NoInput, NoInput> {

    public FinishRollback() {
        super("finishRollback", NoInput::of, Recover.AFTER_ROLLBACK, Lock.NOT_NEEDED);
    }

    @Override
    public NoInput effect(TaskContext context, NoInput input) {
        context.rollbacks().finish(context.store(), "workflow rolled back");
        Locks.release(context);
        return input;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, NoInput result) {
        return outcome("rolled_back");
    }
}
