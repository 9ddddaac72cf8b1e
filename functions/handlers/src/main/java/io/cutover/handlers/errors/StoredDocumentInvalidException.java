package io.cutover.handlers.errors;

/**
 * A document the handlers keep in Parameter Store (state, fence record, rollback point) cannot be read.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class StoredDocumentInvalidException extends RuntimeException {
    public StoredDocumentInvalidException(String message) {
        super(message);
    }

    public StoredDocumentInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
