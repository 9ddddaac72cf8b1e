package io.cutover.handlers.errors;

/**
 * Some source role could not be given back its settings from before the fence: the source is still read-only for it.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class UnfenceIncompleteException extends RuntimeException {
    public UnfenceIncompleteException(String message) {
        super(message);
    }

    public UnfenceIncompleteException(String message, Throwable cause) {
        super(message, cause);
    }
}
