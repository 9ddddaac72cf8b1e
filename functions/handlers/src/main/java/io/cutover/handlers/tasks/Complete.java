package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/** The watch passed: COMPLETED, and the lock released. */
public final class Complete extends BaseTask<NoInput, NoInput> {
    public Complete() {
        super("complete", NoInput::of, EnumSet.of(Phase.SWITCHED, Phase.COMPLETED), Lock.HELD);
    }

    @Override
    public NoInput effect(TaskContext context, NoInput input) {
        context.record(PhaseStep.from(Phase.SWITCHED, Phase.COMPLETED, 100, "watch passed"));
        Locks.release(context);
        return input;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, NoInput result) {
        return outcome("completed");
    }
}
