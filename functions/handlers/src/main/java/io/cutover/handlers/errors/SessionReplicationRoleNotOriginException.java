package io.cutover.handlers.errors;

/**
 * The target's session_replication_role is not origin everywhere (e.g. a parameter group pinned to replica after a DMS full load): the writer does not move.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class SessionReplicationRoleNotOriginException extends RuntimeException {
    public SessionReplicationRoleNotOriginException(String message) {
        super(message);
    }

    public SessionReplicationRoleNotOriginException(String message, Throwable cause) {
        super(message, cause);
    }
}
