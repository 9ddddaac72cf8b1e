package io.cutover.handlers.errors;

/**
 * A watched alarm fired while watching after the switch: the workflow rolls back.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class AlarmFiredException extends RuntimeException {
    public AlarmFiredException(String message) {
        super(message);
    }

    public AlarmFiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
