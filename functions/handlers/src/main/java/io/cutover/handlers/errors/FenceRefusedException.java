package io.cutover.handlers.errors;

/**
 * The fence was refused before any role changed (e.g. a configured role does not exist on the source).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class FenceRefusedException extends RuntimeException {
    public FenceRefusedException(String message) {
        super(message);
    }

    public FenceRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
