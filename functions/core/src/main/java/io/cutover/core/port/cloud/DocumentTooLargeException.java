package io.cutover.core.port.cloud;

/** A document is larger than the key-value store holds (Parameter Store: 8 KB in the Advanced tier). */
public class DocumentTooLargeException extends RuntimeException {
    public DocumentTooLargeException(String message) {
        super(message);
    }
}
