package io.cutover.handlers.errors;

/**
 * Another execution holds the migration lock; the workflow fails without touching anything of the holder's.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class LockHeldException extends RuntimeException {
    public LockHeldException(String message) {
        super(message);
    }

    public LockHeldException(String message, Throwable cause) {
        super(message, cause);
    }
}
