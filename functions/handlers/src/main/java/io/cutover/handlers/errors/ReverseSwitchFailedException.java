package io.cutover.handlers.errors;

/**
 * A rollback after the writer switch could not carry the target's writes back (the reverse drain or the sequence
 * sync failed): the target's roles were unfenced again, so the writer stays on a writable target and nothing is
 * lost, and the source stays fenced. The class name is the Lambda {@code errorType} the state machine matches.
 */
public class ReverseSwitchFailedException extends RuntimeException {
    public ReverseSwitchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
