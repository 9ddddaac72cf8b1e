package io.cutover.handlers.errors;

/**
 * The weight planner refused a reader shift (an invalid percent, a step back without a rollback).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class ReaderShiftRefusedException extends RuntimeException {
    public ReaderShiftRefusedException(String message) {
        super(message);
    }

    public ReaderShiftRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
