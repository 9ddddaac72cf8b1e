package io.cutover.handlers.errors;

/**
 * While watching after the switch, the reverse DMS task (target → source) that carries the target's writes back on a
 * rollback is stopped, failed, has a table in error or logged a change it could not apply: the fall-back path is
 * broken, so the workflow rolls back while it still can carry (a stopped or failed task is resumed by the rollback).
 * The class name is the Lambda {@code errorType} the state machine matches.
 */
public class ReverseReplicationBrokenException extends RuntimeException {
    public ReverseReplicationBrokenException(String message) {
        super(message);
    }
}
