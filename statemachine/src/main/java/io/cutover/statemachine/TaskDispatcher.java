package io.cutover.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What answers the Task states of a local execution (the Lambda function and the SNS integration, locally).
 *
 * <p>Return the task's result, or throw {@link TaskFailedException} to fail the task with a given error name (what
 * {@code Retry} and {@code Catch} match). Any other exception fails the task the way the Lambda Java runtime
 * reports an unhandled exception: error = the exception's class name (see {@link TaskError#of(RuntimeException)}).
 * Called on a server thread, one task at a time for this project's definition.
 */
@FunctionalInterface
public interface TaskDispatcher {
    JsonNode dispatch(String stateName, String resource, JsonNode input);
}
