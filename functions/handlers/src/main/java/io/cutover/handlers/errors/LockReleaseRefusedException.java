package io.cutover.handlers.errors;

/**
 * The migration lock is held by another execution, so this one cannot release it.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class LockReleaseRefusedException extends RuntimeException {
    public LockReleaseRefusedException(String message) {
        super(message);
    }

    public LockReleaseRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
