package io.cutover.core.port.db;

/**
 * A database step could not do its job (unreachable, refused, timed out). The message names the
 * step, the database and what went wrong; {@link #sqlState()} is the server's SQLSTATE when there is one.
 */
public class DatabaseStepException extends RuntimeException {
    private final String step;
    private final String sqlState;

    public DatabaseStepException(String step, String message, String sqlState, Throwable cause) {
        super(step + ": " + message + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")"), cause);
        this.step = step;
        this.sqlState = sqlState;
    }

    public DatabaseStepException(String step, String message) {
        this(step, message, null, null);
    }

    public String step() {
        return step;
    }

    public String sqlState() {
        return sqlState;
    }
}
