package io.cutover.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.core.port.cloud.WorkflowStartResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

class StepFunctionsWorkflowStarterIT extends WireMockAwsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START = "AWSStepFunctions.StartExecution";
    private static final String DESCRIBE = "AWSStepFunctions.DescribeExecution";
    private static final String STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:CutoverOrdersDb";
    private static final String EXECUTION = "arn:aws:states:eu-west-1:123456789012:execution:CutoverOrdersDb:orders-db-2";
    private static final String INPUT = "{\"migrationId\":\"orders-db\",\"attempt\":2,\"dryRun\":false}";

    private StepFunctionsWorkflowStarter starter() {
        return new StepFunctionsWorkflowStarter(clients::sfn, STATE_MACHINE);
    }

    @Test
    void start_namesTheExecutionAfterMigrationAndAttempt() throws Exception {
        // GIVEN
        wireMock.stubFor(jsonCall(START).willReturn(sfnJson("""
                {"executionArn":"%s","startDate":1777888800.5}""".formatted(EXECUTION))));

        // WHEN
        WorkflowStartResult result = starter().start(new WorkflowStart("orders-db", 2, INPUT));

        // THEN
        assertThat(result).isEqualTo(new WorkflowStartResult.Started(EXECUTION, "orders-db-2",
                Instant.ofEpochMilli(1777888800500L)));
        JsonNode sent = JSON.readTree(jsonRequests(START).getFirst().getBodyAsString());
        assertThat(sent.path("stateMachineArn").asText()).isEqualTo(STATE_MACHINE);
        assertThat(sent.path("name").asText()).isEqualTo("orders-db-2");
        assertThat(JSON.readTree(sent.path("input").asText())).isEqualTo(JSON.readTree(INPUT));
    }

    @Test
    void start_reportsAlreadyStarted_withStatusAndInputComparison_whenTheNameIsTaken() {
        // GIVEN the attempt's execution already ran to completion with the same input (other key order)
        wireMock.stubFor(jsonCall(START).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists: '" + EXECUTION + "'\"}")));
        wireMock.stubFor(jsonCall(DESCRIBE).willReturn(sfnJson("""
                {"executionArn":"%s","stateMachineArn":"%s","name":"orders-db-2","status":"SUCCEEDED",
                 "startDate":1777888800,"input":"{\\"dryRun\\":false,\\"attempt\\":2,\\"migrationId\\":\\"orders-db\\"}"}
                """.formatted(EXECUTION, STATE_MACHINE))));

        // WHEN
        WorkflowStartResult result = starter().start(new WorkflowStart("orders-db", 2, INPUT));

        // THEN
        assertThat(result).isEqualTo(new WorkflowStartResult.AlreadyStarted(EXECUTION, "orders-db-2", "SUCCEEDED", true));
        assertThat(jsonRequests(DESCRIBE).getFirst().getBodyAsString()).contains(EXECUTION);
    }

    @Test
    void start_reportsDifferentInput_whenTheTakenNameWasStartedWithOtherInput() {
        wireMock.stubFor(jsonCall(START).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists\"}")));
        wireMock.stubFor(jsonCall(DESCRIBE).willReturn(sfnJson("""
                {"executionArn":"%s","stateMachineArn":"%s","status":"RUNNING","startDate":1777888800,
                 "input":"{\\"migrationId\\":\\"orders-db\\",\\"attempt\\":2,\\"dryRun\\":true}"}
                """.formatted(EXECUTION, STATE_MACHINE))));

        WorkflowStartResult result = starter().start(new WorkflowStart("orders-db", 2, INPUT));

        assertThat(result).isEqualTo(new WorkflowStartResult.AlreadyStarted(EXECUTION, "orders-db-2", "RUNNING", false));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sfnJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body);
    }
}
