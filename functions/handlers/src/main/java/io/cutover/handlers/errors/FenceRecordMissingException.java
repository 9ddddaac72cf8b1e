package io.cutover.handlers.errors;

/**
 * A step that needs the fence record (the drain) found none: the source was not fenced by this cutover.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class FenceRecordMissingException extends RuntimeException {
    public FenceRecordMissingException(String message) {
        super(message);
    }

    public FenceRecordMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
