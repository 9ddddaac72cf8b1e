package io.cutover.handlers.errors;

/**
 * The restored cluster is not available yet, so its writer cannot be created (RDS: InvalidDBClusterStateFault);
 * nothing was created and the workflow waits and looks again.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class RestoreNotReadyException extends RuntimeException {
    public RestoreNotReadyException(String message) {
        super(message);
    }

    public RestoreNotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
