package io.cutover.handlers.errors;

/**
 * AWS answered with something this code does not know (e.g. an alarm state added after it was written).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class UnexpectedAwsAnswerException extends RuntimeException {
    public UnexpectedAwsAnswerException(String message) {
        super(message);
    }

    public UnexpectedAwsAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
