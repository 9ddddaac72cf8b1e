package io.cutover.handlers.errors;

/**
 * A bake ended unhealthy (alarm, latency, apply exceptions): the workflow rolls back.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class HealthCheckFailedException extends RuntimeException {
    public HealthCheckFailedException(String message) {
        super(message);
    }

    public HealthCheckFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
