package io.cutover.handlers.errors;

/**
 * A task was called in a phase it does not run from (e.g. the writer switch before the drain): nothing was done.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class TaskOutOfOrderException extends RuntimeException {
    public TaskOutOfOrderException(String message) {
        super(message);
    }

    public TaskOutOfOrderException(String message, Throwable cause) {
        super(message, cause);
    }
}
