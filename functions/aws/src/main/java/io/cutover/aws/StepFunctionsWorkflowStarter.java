package io.cutover.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.core.port.cloud.WorkflowStartResult;
import io.cutover.core.port.cloud.WorkflowStarter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Starts the cutover state machine with the execution name {@code {migrationId}-{attempt}}. Step Functions
 * reserves a Standard workflow's execution names for 90 days, so the name is the idempotency key of an attempt.
 */
public final class StepFunctionsWorkflowStarter implements WorkflowStarter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SfnClient> sfn;
    private final String stateMachineArn;

    public StepFunctionsWorkflowStarter(Supplier<SfnClient> sfn, String stateMachineArn) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        // Checked when used, not here: functions that never start a workflow are wired without the ARN.
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    }

    @Override
    public WorkflowStartResult start(WorkflowStart start) {
        requireStateMachineArn();
        String name = start.executionName();
        try {
            // For a running Standard execution with the same name and input, Step Functions answers success with
            // the existing execution: that is reported as Started, with the original start date.
            StartExecutionResponse started = sfn.get().startExecution(r -> r.stateMachineArn(stateMachineArn).name(name)
                    .input(start.inputJson()));
            return new WorkflowStartResult.Started(started.executionArn(), name, started.startDate());
        } catch (ExecutionAlreadyExistsException e) {
            String executionArn = executionArn(name);
            try {
                DescribeExecutionResponse existing = sfn.get().describeExecution(r -> r.executionArn(executionArn));
                return new WorkflowStartResult.AlreadyStarted(executionArn, name, existing.statusAsString(),
                        sameJson(existing.input(), start.inputJson()));
            } catch (ExecutionDoesNotExistException gone) {
                // Express executions cannot be described; all we know is that the name is taken.
                return new WorkflowStartResult.AlreadyStarted(executionArn, name, "UNKNOWN", false);
            }
        }
    }

    private void requireStateMachineArn() {
        if (!stateMachineArn.startsWith("arn:") || !stateMachineArn.contains(":stateMachine:")) {
            throw new IllegalStateException("cannot start a workflow: '" + stateMachineArn
                    + "' is not a state machine ARN (is STATE_MACHINE_ARN set for this function?)");
        }
    }

    /** {@code arn:...:stateMachine:Name} becomes {@code arn:...:execution:Name:executionName}. */
    String executionArn(String executionName) {
        requireStateMachineArn();
        return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionName;
    }

    private static boolean sameJson(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return a.equals(b);
        }
    }
}
