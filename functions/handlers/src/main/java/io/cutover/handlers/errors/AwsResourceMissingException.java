package io.cutover.handlers.errors;

/**
 * A resource the config names does not exist in this account and region (a DMS task, an RDS cluster or instance).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class AwsResourceMissingException extends RuntimeException {
    public AwsResourceMissingException(String message) {
        super(message);
    }

    public AwsResourceMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
