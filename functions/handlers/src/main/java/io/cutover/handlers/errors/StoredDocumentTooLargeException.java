package io.cutover.handlers.errors;

/**
 * A document the handlers keep in Parameter Store grew past what a parameter holds (8 KB, Advanced tier): nothing
 * was written. The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class StoredDocumentTooLargeException extends RuntimeException {
    public StoredDocumentTooLargeException(String message) {
        super(message);
    }

    public StoredDocumentTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
