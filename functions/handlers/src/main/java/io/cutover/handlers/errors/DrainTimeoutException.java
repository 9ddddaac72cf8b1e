package io.cutover.handlers.errors;

/**
 * The target did not catch up with the fenced source within the drain deadline: the workflow rolls back.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class DrainTimeoutException extends RuntimeException {
    public DrainTimeoutException(String message) {
        super(message);
    }

    public DrainTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
