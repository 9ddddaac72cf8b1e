package io.cutover.handlers.errors;

/**
 * DMS logged changes it could not apply after the fence (awsdms_apply_exceptions): the target misses them, so the
 * drain fails and the workflow rolls back. The class name is the Lambda {@code errorType} the state machine matches.
 */
public class DmsApplyExceptionsAfterFenceException extends RuntimeException {
    public DmsApplyExceptionsAfterFenceException(String message) {
        super(message);
    }
}
