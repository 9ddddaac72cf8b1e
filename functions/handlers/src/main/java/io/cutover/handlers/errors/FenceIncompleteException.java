package io.cutover.handlers.errors;

/**
 * Some source role could not be fenced: the writer must not move. The fence record still names what was fenced.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class FenceIncompleteException extends RuntimeException {
    public FenceIncompleteException(String message) {
        super(message);
    }

    public FenceIncompleteException(String message, Throwable cause) {
        super(message, cause);
    }
}
