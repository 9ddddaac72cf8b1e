package io.cutover.handlers.errors;

/**
 * The login for a database cannot be had (its secret is missing, unreadable or lacks fields).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class DatabaseLoginUnavailableException extends RuntimeException {
    public DatabaseLoginUnavailableException(String message) {
        super(message);
    }

    public DatabaseLoginUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
