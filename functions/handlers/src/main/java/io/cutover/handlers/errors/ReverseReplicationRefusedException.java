package io.cutover.handlers.errors;

/**
 * The reverse replication (target → source) could not be set up safely at the switch: the writer does not move,
 * the workflow rolls back. The class name is the Lambda {@code errorType} that the state machine's Retry and Catch
 * match.
 */
public class ReverseReplicationRefusedException extends RuntimeException {
    public ReverseReplicationRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
