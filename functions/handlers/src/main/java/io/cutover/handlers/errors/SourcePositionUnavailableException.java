package io.cutover.handlers.errors;

/**
 * The source's current WAL position could not be read.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class SourcePositionUnavailableException extends RuntimeException {
    public SourcePositionUnavailableException(String message) {
        super(message);
    }

    public SourcePositionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
