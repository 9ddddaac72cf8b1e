package io.cutover.handlers.errors;

/**
 * The workflow cannot start: config, records, replication or target are not as required. Nothing was changed.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class PreflightFailedException extends RuntimeException {
    public PreflightFailedException(String message) {
        super(message);
    }

    public PreflightFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
