package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/** What every task declares the same way: its name, how it reads its input, the phases it runs from, its lock. */
abstract class BaseTask<I, R> implements WorkflowTask<I, R> {
    /** Whether the task runs only while its execution holds the migration lock. */
    enum Lock { HELD, NOT_NEEDED }

    private final String name;
    private final Function<TaskInput, I> input;
    private final Set<Phase> runsFrom;
    private final Lock lock;

    BaseTask(String name, Function<TaskInput, I> input, Set<Phase> runsFrom, Lock lock) {
        this.name = name;
        this.input = input;
        this.runsFrom = Collections.unmodifiableSet(EnumSet.copyOf(runsFrom));
        this.lock = lock;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final I input(TaskInput call) {
        return input.apply(call);
    }

    @Override
    public Set<Phase> runsFrom(I input) {
        return runsFrom;
    }

    @Override
    public final boolean needsLock() {
        return lock == Lock.HELD;
    }

    /** The output of a task that ends a run: {@code {"outcome": ...}}. */
    static ObjectNode outcome(String outcome) {
        ObjectNode output = Json.MAPPER.createObjectNode();
        output.put("outcome", outcome);
        return output;
    }
}
