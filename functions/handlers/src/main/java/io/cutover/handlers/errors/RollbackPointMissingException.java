package io.cutover.handlers.errors;

/**
 * No rollback point was recorded, so a recovery cannot choose the time to go back to.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class RollbackPointMissingException extends RuntimeException {
    public RollbackPointMissingException(String message) {
        super(message);
    }

    public RollbackPointMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
