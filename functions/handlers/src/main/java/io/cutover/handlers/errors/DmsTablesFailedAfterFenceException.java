package io.cutover.handlers.errors;

/**
 * After the drain's marker arrived, DMS reports a table in {@code Table error} (its changes are no longer applied)
 * or rows whose validation failed (they differ between the databases): the target is not a copy of the fenced source,
 * so the drain fails and the workflow rolls back. The class name is the Lambda {@code errorType} the state machine
 * matches.
 */
public class DmsTablesFailedAfterFenceException extends RuntimeException {
    public DmsTablesFailedAfterFenceException(String message) {
        super(message);
    }
}
