package io.cutover.handlers.errors;

/**
 * A failure worth retrying (connection reset, throttling beyond the adapter's own retries).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class TransientTaskException extends RuntimeException {
    public TransientTaskException(String message) {
        super(message);
    }

    public TransientTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
