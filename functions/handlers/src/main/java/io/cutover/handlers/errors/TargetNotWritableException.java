package io.cutover.handlers.errors;

/**
 * The target does not accept writes now (unreachable, a standby, or read-only): the writer record is not moved to it.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class TargetNotWritableException extends RuntimeException {
    public TargetNotWritableException(String message) {
        super(message);
    }

    public TargetNotWritableException(String message, Throwable cause) {
        super(message, cause);
    }
}
