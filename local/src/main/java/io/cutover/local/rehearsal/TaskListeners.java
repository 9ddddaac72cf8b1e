package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.local.LocalWorkflow;
import java.util.List;

/** Several task listeners called in order, e.g. the phase tracker, then the fault injector. */
final class TaskListeners implements LocalWorkflow.TaskListener {
    private final List<LocalWorkflow.TaskListener> listeners;

    TaskListeners(LocalWorkflow.TaskListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void before(String task, JsonNode input) {
        listeners.forEach(l -> l.before(task, input));
    }

    @Override
    public void after(String task, JsonNode input, JsonNode output) {
        listeners.forEach(l -> l.after(task, input, output));
    }

    @Override
    public void failed(String task, JsonNode input, RuntimeException error) {
        listeners.forEach(l -> l.failed(task, input, error));
    }
}
