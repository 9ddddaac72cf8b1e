package io.cutover.handlers.errors;

/**
 * The restored cluster or its writer reached a status from which the point-in-time restore cannot finish (e.g. its
 * KMS key is unreachable); traffic stays on the source.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class RestoreFailedException extends RuntimeException {
    public RestoreFailedException(String message) {
        super(message);
    }

    public RestoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
