package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;
import java.util.Set;

/** The watch passed: COMPLETED, and the lock released. */
public final class Complete implements WorkflowTask<NoInput, NoInput> {
    private static final Set<Phase> RUNS_FROM = EnumSet.of(Phase.SWITCHED, Phase.COMPLETED);

    @Override
    public String name() {
        return "complete";
    }

    @Override
    public NoInput input(TaskInput call) {
        return NoInput.of(call);
    }

    @Override
    public Set<Phase> runsFrom(NoInput input) {
        return RUNS_FROM;
    }

    @Override
    public NoInput effect(TaskContext context, NoInput input) {
        context.record(PhaseStep.from(Phase.SWITCHED, Phase.COMPLETED, 100, "watch passed"));
        Locks.release(context);
        return input;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, NoInput result) {
        ObjectNode output = Json.MAPPER.createObjectNode();
        output.put("outcome", "completed");
        return output;
    }
}
