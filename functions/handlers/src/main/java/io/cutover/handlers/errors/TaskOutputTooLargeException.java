package io.cutover.handlers.errors;

/**
 * A task's output grew past what Step Functions takes from a task (256 KiB). Returned, it would end the execution
 * with States.DataLimitExceeded, which no Catch matches, so nothing would roll back; thrown instead, the workflow's
 * catch-all rolls back. The task's effect stands. The class name is the Lambda {@code errorType}.
 */
public class TaskOutputTooLargeException extends RuntimeException {
    public TaskOutputTooLargeException(String message) {
        super(message);
    }
}
