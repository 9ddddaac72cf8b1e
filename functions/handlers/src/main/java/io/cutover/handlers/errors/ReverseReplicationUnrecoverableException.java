package io.cutover.handlers.errors;

/**
 * A rollback after the writer switch found that the reverse DMS task did not and will not carry some of the target's
 * writes back (a table in error, a change logged as not applied, a task that cannot be resumed): carrying on would
 * lose them, so the rollback refuses, naming the tables. Before the target's fence it changed nothing (the writer
 * stays on the target, the source stays fenced); after it, it is the cause of a {@link ReverseSwitchFailedException}.
 * The class name is the Lambda {@code errorType} the state machine matches.
 */
public class ReverseReplicationUnrecoverableException extends RuntimeException {
    public ReverseReplicationUnrecoverableException(String message) {
        super(message);
    }
}
