package io.cutover.core.port.db;

/** The login for a database cannot be had: its secret is missing, unreadable or lacks fields, or no secret can be read where the step runs. */
public class DatabaseLoginUnavailableException extends RuntimeException {
    public DatabaseLoginUnavailableException(String message) {
        super(message);
    }

    public DatabaseLoginUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
