package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A whole state machine definition: its comment and its top-level flow. JSONPath only (docs/contracts.md). */
record Workflow(String comment, Flow flow) {
    /** The distinct WorkflowTasks task names, in the order the states are written; no JSON is built. */
    List<String> taskNames() {
        Set<String> names = new LinkedHashSet<>();
        flow.collectTaskNames(names::add);
        return List.copyOf(names);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("Comment", comment);
        json.put("QueryLanguage", "JSONPath");
        flow.writeTo(json);
        return json;
    }
}
