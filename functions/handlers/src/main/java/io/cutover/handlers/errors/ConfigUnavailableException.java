package io.cutover.handlers.errors;

/**
 * The cutover config in Parameter Store is missing, invalid or names another migration: a deployment error.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class ConfigUnavailableException extends RuntimeException {
    public ConfigUnavailableException(String message) {
        super(message);
    }

    public ConfigUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
