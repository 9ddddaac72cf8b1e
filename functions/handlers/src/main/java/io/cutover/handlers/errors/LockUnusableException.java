package io.cutover.handlers.errors;

/**
 * The migration lock parameter holds something that is not a lock, or another process keeps cycling it.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class LockUnusableException extends RuntimeException {
    public LockUnusableException(String message) {
        super(message);
    }

    public LockUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
