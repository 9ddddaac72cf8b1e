package io.cutover.handlers.errors;

/**
 * A rollback was requested while this forward task ran: the task did not record its phase, handed its effect over
 * to the rollback (weights back to the source, the source unfenced) and stops; the workflow goes to its rollback
 * path, which joins the rollback already under way. The class name is the Lambda {@code errorType} that the state
 * machine's Retry and Catch match.
 */
public class RollbackRequestedException extends RuntimeException {
    public RollbackRequestedException(String message) {
        super(message);
    }

    public RollbackRequestedException(String message, Throwable cause) {
        super(message, cause);
    }
}
