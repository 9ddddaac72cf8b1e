package io.cutover.handlers.errors;

/**
 * The task input is not what the task takes (an unknown task, a missing or malformed field): nothing was done.
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class InvalidTaskInputException extends RuntimeException {
    public InvalidTaskInputException(String message) {
        super(message);
    }

    public InvalidTaskInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
