package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.handlers.tasks.WorkflowTask;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * States in the order they are written, the first being where the flow starts: the whole workflow, or what a Map
 * runs for each item. Written in order so the source reads like the workflow and StartAt is never out of step.
 */
record Flow(List<State<?>> states) {
    Flow {
        states = List.copyOf(states);
        if (states.isEmpty()) {
            throw new IllegalArgumentException("a flow has at least one state");
        }
        Set<String> names = new HashSet<>();
        for (State<?> state : states) {
            if (!names.add(state.name())) {
                throw new IllegalArgumentException("two states named " + state.name());
            }
        }
    }

    void collectTasks(Consumer<WorkflowTask<?, ?>> tasks) {
        states.forEach(state -> state.collectTasks(tasks));
    }

    /** Writes StartAt and States into {@code json}. */
    void writeTo(ObjectNode json) {
        json.put("StartAt", states.getFirst().name());
        ObjectNode all = json.putObject("States");
        states.forEach(state -> all.set(state.name(), state.toJson()));
    }
}
