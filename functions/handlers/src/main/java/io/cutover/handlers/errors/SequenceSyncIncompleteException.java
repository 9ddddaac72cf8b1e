package io.cutover.handlers.errors;

/**
 * A sequence could not be carried over to the target (missing there, out of range, unreadable on the source): the writer does not move.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class SequenceSyncIncompleteException extends RuntimeException {
    public SequenceSyncIncompleteException(String message) {
        super(message);
    }

    public SequenceSyncIncompleteException(String message, Throwable cause) {
        super(message, cause);
    }
}
