package io.cutover.handlers.errors;

/**
 * A configured record group lacks one of its two weighted records in Route 53.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class RecordGroupIncompleteException extends RuntimeException {
    public RecordGroupIncompleteException(String message) {
        super(message);
    }

    public RecordGroupIncompleteException(String message, Throwable cause) {
        super(message, cause);
    }
}
