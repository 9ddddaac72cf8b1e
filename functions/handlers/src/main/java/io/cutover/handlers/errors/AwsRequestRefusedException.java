package io.cutover.handlers.errors;

/**
 * An AWS API refused a call for a reason a retry does not change (access denied, a resource not found, a
 * validation error, a change still in progress past the adapter's own retries). The message names the service's
 * error code. The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class AwsRequestRefusedException extends RuntimeException {
    public AwsRequestRefusedException(String message) {
        super(message);
    }

    public AwsRequestRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
