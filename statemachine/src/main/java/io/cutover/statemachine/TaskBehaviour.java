package io.cutover.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/** One task's behaviour behind a {@link RoutingTaskDispatcher}: the task input in, its result out (or an exception). */
@FunctionalInterface
public interface TaskBehaviour {
    JsonNode apply(JsonNode input);
}
