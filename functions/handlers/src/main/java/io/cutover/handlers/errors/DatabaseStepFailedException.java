package io.cutover.handlers.errors;

/**
 * A database step failed on the source or the target (the statement, the login, the deadline).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class DatabaseStepFailedException extends RuntimeException {
    public DatabaseStepFailedException(String message) {
        super(message);
    }

    public DatabaseStepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
