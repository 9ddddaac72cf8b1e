package io.cutover.statemachine;

import java.util.Objects;

/** Fails a Task state with an exact error name and cause, as a Lambda function or an AWS integration would. */
public class TaskFailedException extends RuntimeException {
    private final String errorName;
    private final String errorCause;

    public TaskFailedException(String errorName, String cause) {
        super(errorName + ": " + cause);
        this.errorName = Objects.requireNonNull(errorName, "errorName");
        this.errorCause = Objects.requireNonNull(cause, "cause");
    }

    /** What {@code Retry}/{@code Catch} {@code ErrorEquals} match, e.g. {@code io.cutover.handlers.errors.LockHeldException}. */
    public String errorName() {
        return errorName;
    }

    /** The {@code Cause} a {@code Catch} puts next to the error. */
    public String errorCause() {
        return errorCause;
    }
}
