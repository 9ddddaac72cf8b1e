package io.cutover.handlers.errors;

/**
 * Source and target row counts differ after the drain: the writer does not move.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class RowCountMismatchException extends RuntimeException {
    public RowCountMismatchException(String message) {
        super(message);
    }

    public RowCountMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
