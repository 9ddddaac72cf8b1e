package io.cutover.handlers.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.aws.StepFunctionsWorkflowStarter;
import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.core.port.cloud.WorkflowStartResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workflow starter against LocalStack's Step Functions: an attempt's execution name is started once. */
class StepFunctionsWorkflowStarterLocalStackIT extends LocalStackAws {
    // A long Wait keeps the execution RUNNING while the test starts the same attempt again.
    private static final String DEFINITION = """
            {"StartAt": "Bake", "States": {"Bake": {"Type": "Wait", "Seconds": 300, "End": true}}}""";

    private String stateMachineArn;

    @BeforeAll
    void createStateMachine() {
        stateMachineArn = awslocal("stepfunctions", "create-state-machine",
                "--name", "orders-db-cutover", "--definition", DEFINITION,
                "--role-arn", "arn:aws:iam::000000000000:role/orders-db-cutover-workflow",
                "--query", "stateMachineArn");
    }

    @Test
    void start_namesTheExecutionAfterTheAttempt_andARepeatedStartCreatesNoSecondExecution() {
        StepFunctionsWorkflowStarter starter = new StepFunctionsWorkflowStarter(clients::sfn, stateMachineArn);
        WorkflowStart attempt = new WorkflowStart("orders-db", 1, "{\"migrationId\":\"orders-db\",\"attempt\":1,\"dryRun\":false}");

        WorkflowStartResult first = starter.start(attempt);
        WorkflowStartResult repeated = starter.start(attempt);

        assertThat(first).isInstanceOf(WorkflowStartResult.Started.class);
        assertThat(first.executionName()).isEqualTo("orders-db-1");
        assertThat(repeated.executionArn()).isEqualTo(first.executionArn());
        if (repeated instanceof WorkflowStartResult.AlreadyStarted already) {
            assertThat(already.sameInput()).isTrue();
        }
        assertThat(awslocal("stepfunctions", "list-executions",
                "--state-machine-arn", stateMachineArn, "--query", "executions[].name").split("\\s+"))
                .containsExactly("orders-db-1");
    }
}
