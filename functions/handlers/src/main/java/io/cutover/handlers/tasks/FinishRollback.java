package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.Set;

/** The rollback's end: ROLLED_BACK, and the lock released. */
public final class FinishRollback implements WorkflowTask<NoInput, NoInput> {

    @Override
    public String name() {
        return "finishRollback";
    }

    @Override
    public NoInput input(TaskInput call) {
        return NoInput.of(call);
    }

    @Override
    public Set<Phase> runsFrom(NoInput input) {
        return Recover.AFTER_ROLLBACK;
    }

    @Override
    public boolean needsLock() {
        return false;
    }

    @Override
    public NoInput effect(TaskContext context, NoInput input) {
        context.rollbacks().finish(context.store(), "workflow rolled back");
        Locks.release(context);
        return input;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, NoInput result) {
        ObjectNode output = Json.MAPPER.createObjectNode();
        output.put("outcome", "rolled_back");
        return output;
    }
}
