package io.cutover.handlers.errors;

/**
 * The phase machine refused a phase change (e.g. readers back to a lower percent without a rollback).
 * The class name is the Lambda {@code errorType} that the state machine's Retry and Catch match.
 */
public class PhaseTransitionRefusedException extends RuntimeException {
    public PhaseTransitionRefusedException(String message) {
        super(message);
    }

    public PhaseTransitionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
