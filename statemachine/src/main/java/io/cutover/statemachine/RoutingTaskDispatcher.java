package io.cutover.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Routes each Task invocation by the {@code task} field of its input (every workflow task carries one), and the
 * rest (the SNS notifications) by the state's Resource. A single function can take all workflow tasks by being
 * routed by resource ({@link LocalResources#WORKFLOW_TASKS_FUNCTION_ARN}) with no task routes.
 */
public final class RoutingTaskDispatcher implements TaskDispatcher {
    private final Map<String, TaskBehaviour> byTask;
    private final Map<String, TaskBehaviour> byResource;

    private RoutingTaskDispatcher(Map<String, TaskBehaviour> byTask, Map<String, TaskBehaviour> byResource) {
        this.byTask = Map.copyOf(byTask);
        this.byResource = Map.copyOf(byResource);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public JsonNode dispatch(String stateName, String resource, JsonNode input) {
        JsonNode task = input.path("task");
        if (task.isTextual() && byTask.containsKey(task.asText())) {
            return byTask.get(task.asText()).apply(input);
        }
        TaskBehaviour byResourceRoute = byResource.get(resource);
        if (byResourceRoute != null) {
            return byResourceRoute.apply(input);
        }
        throw new UnroutedTaskException(stateName, resource, task.isTextual() ? task.asText() : null,
                byTask.keySet(), byResource.keySet());
    }

    /** Collects the routes; a task or resource routed twice is a mistake in the script, not a later override. */
    public static final class Builder {
        private final Map<String, TaskBehaviour> byTask = new LinkedHashMap<>();
        private final Map<String, TaskBehaviour> byResource = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder onTask(String task, TaskBehaviour behaviour) {
            put(byTask, "task", task, behaviour);
            return this;
        }

        public Builder onResource(String resource, TaskBehaviour behaviour) {
            put(byResource, "resource", resource, behaviour);
            return this;
        }

        public RoutingTaskDispatcher build() {
            return new RoutingTaskDispatcher(byTask, byResource);
        }

        private static void put(Map<String, TaskBehaviour> routes, String kind, String key, TaskBehaviour behaviour) {
            Objects.requireNonNull(key, kind);
            Objects.requireNonNull(behaviour, "behaviour");
            if (routes.putIfAbsent(key, behaviour) != null) {
                throw new IllegalArgumentException(kind + " '" + key + "' is already routed");
            }
        }
    }
}
