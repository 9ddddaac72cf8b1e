package io.cutover.handlers.errors;

/**
 * The recovery cannot run as asked (Backtrack on Aurora PostgreSQL, which has none; a missing restore setting).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class RecoveryRefusedException extends RuntimeException {
    public RecoveryRefusedException(String message) {
        super(message);
    }

    public RecoveryRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
