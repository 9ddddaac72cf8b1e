package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.handlers.tasks.WorkflowTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole state machine definition: its comment and its top-level flow. JSONPath only (docs/contracts.md). */
record Workflow(String comment, Flow flow) {
    /**
     * The distinct WorkflowTasks tasks, in the order the states are written (a task invoked by two states, like the
     * readiness check of both gates, once); no JSON is built. Two different tasks may not share a name.
     */
    List<WorkflowTask<?, ?>> tasks() {
        Map<String, WorkflowTask<?, ?>> byName = new LinkedHashMap<>();
        flow.collectTasks(task -> {
            WorkflowTask<?, ?> known = byName.putIfAbsent(task.name(), task);
            if (known != null && known.getClass() != task.getClass()) {
                throw new IllegalStateException("two tasks are named " + task.name() + ": " + known.getClass()
                        .getName() + " and " + task.getClass().getName());
            }
        });
        return List.copyOf(byName.values());
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("Comment", comment);
        json.put("QueryLanguage", "JSONPath");
        flow.writeTo(json);
        return json;
    }
}
