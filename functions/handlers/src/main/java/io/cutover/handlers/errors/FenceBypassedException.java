package io.cutover.handlers.errors;

/**
 * Changes to replicated tables reached the source past the fence (a session turned the read-only default off, or
 * began a read-write transaction): the writer does not move, and the cutover rolls back with the source unfenced.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class FenceBypassedException extends RuntimeException {
    public FenceBypassedException(String message) {
        super(message);
    }
}
