package io.cutover.handlers.errors;

/**
 * The cutover was rolled back or taken over while this task ran: the task must not act.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class CutoverAbortedException extends RuntimeException {
    public CutoverAbortedException(String message) {
        super(message);
    }

    public CutoverAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
