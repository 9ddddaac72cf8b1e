package io.cutover.core.port.cloud;

import java.time.Instant;

/** The outcome of starting a workflow execution. */
public sealed interface WorkflowStartResult {

    String executionArn();

    String executionName();

    /**
     * Step Functions accepted the start. For a Standard workflow this is also what a repeated start with the
     * same name and input returns while that execution runs: {@code startDate} then is the original start.
     */
    record Started(String executionArn, String executionName, Instant startDate) implements WorkflowStartResult {
    }

    /**
     * An execution with this name exists and Step Functions refused to start another ({@code ExecutionAlreadyExists}:
     * it has finished, or it was started with other input).
     *
     * @param status    its status ({@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, ...)
     * @param sameInput whether it was started with the same input
     */
    record AlreadyStarted(String executionArn, String executionName, String status, boolean sameInput)
            implements WorkflowStartResult {
    }
}
