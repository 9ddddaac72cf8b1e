package io.cutover.statemachine;

/** How a local execution ended. */
public enum ExecutionStatus {
    SUCCEEDED,
    FAILED
}
