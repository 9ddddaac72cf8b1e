package io.cutover.core.port.cloud;

/** AWS answered with something this code does not know (e.g. an alarm state added after it was written). */
public class UnexpectedAwsAnswerException extends RuntimeException {
    public UnexpectedAwsAnswerException(String message) {
        super(message);
    }

    public UnexpectedAwsAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
