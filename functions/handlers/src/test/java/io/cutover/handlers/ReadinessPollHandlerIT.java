package io.cutover.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.aws.testing.FormBody;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readiness poll over the real DMS, CloudWatch and SSM clients, proven by the requests that reached the stub. */
class ReadinessPollHandlerIT extends StubbedAwsTest {
    private static final String READINESS = "/cutover/orders-db/readiness";

    private ReadinessPollHandler handler() {
        return new ReadinessPollHandler(ports(), MIGRATION);
    }

    @Test
    void dmsEventForAForeignTask_isIgnored_afterReadingOnlyTheConfig() {
        // GIVEN
        givenStoredConfig();
        givenHealthyReplication();

        // WHEN a task of another migration changes state
        ObjectNode answer = handler().handle(Events.read("dms-foreign-task-started.json"));

        // THEN
        assertThat(answer.path("outcome").asText()).isEqualTo("ignored");
        assertThat(answer.path("message").asText()).contains("BILLINGTASKONE");
        assertThat(operations()).containsExactly("GetParameter");
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void scheduledTick_withHealthyTasks_storesTheReadyVerdict_inTwoDmsAndCloudWatchCallsPlusTheInstanceLookup() {
        // GIVEN both tasks running with three fresh latency samples under 30 s; the migration idle, mode manual
        givenStoredConfig();
        givenHealthyReplication();
        givenStepFunctionsStartsExecutions();

        // WHEN
        ObjectNode answer = handler().handle(Events.read("scheduled-readiness-poll.json"));

        // THEN ready, the verdict kept in Parameter Store, and the migration marked READY (no workflow: manual mode)
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("ready");
        assertThat(answer.path("phase").asText()).isEqualTo("READY");
        assertThat(parametersPut()).contains(READINESS, "/cutover/orders-db/state");
        JsonNode stored = Json.parseTree(parameterStore.value(READINESS).orElseThrow(), "readiness");
        assertThat(stored.path("status").asText()).isEqualTo("READY");
        assertThat(stored.path("taskStates").path(TASK_ONE).asText()).isEqualTo("running");
        assertThat(stored.path("taskStates").path(TASK_TWO).asText()).isEqualTo("running");
        assertThat(requestsFor("DescribeReplicationTasks")).hasSize(1);
        assertThat(requestsFor("GetMetricData")).hasSize(1);
        assertThat(requestsFor("DescribeReplicationInstances")).hasSize(1);
        assertThat(requestsFor("StartExecution")).isEmpty();
        assertThat(mutatingOperations()).containsOnly("PutParameter");
    }

    @Test
    void scheduledTick_countsCloudWatchDatapointsThatArriveLate_withinTheIngestionAllowance() {
        // GIVEN CloudWatch two minutes behind: its three newest one-minute datapoints are labelled 300, 240 and 180 s
        // ago, so measured from their labels the oldest is past maxSampleAgeSeconds (180)
        givenStoredConfig();
        givenHealthyReplicationWithDatapointsAt(List.of(NOW.minusSeconds(300), NOW.minusSeconds(240),
                NOW.minusSeconds(180)));

        // WHEN
        ObjectNode answer = handler().handle(Events.read("scheduled-readiness-poll.json"));

        // THEN ready: measured from the end of its period the oldest is 240 s old, within 180 s + the 120 s allowance
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("ready");
        // AND the poll asked CloudWatch for the minutes ending in those 300 s
        Map<String, String> form = FormBody.parse(requestsFor("GetMetricData").getFirst().getBodyAsString());
        assertThat(Instant.parse(form.get("StartTime"))).isEqualTo(NOW.minusSeconds(360));
    }

    @Test
    void scheduledTick_refusesADatapointThatEndedPastTheAgePlusTheAllowance() {
        // GIVEN two recent datapoints and one whose minute ended 301 s ago: one second past 180 s + 120 s
        givenStoredConfig();
        givenHealthyReplicationWithDatapointsAt(List.of(NOW.minusSeconds(361), NOW.minusSeconds(120),
                NOW.minusSeconds(60)));

        // WHEN
        ObjectNode answer = handler().handle(Events.read("scheduled-readiness-poll.json"));

        // THEN not ready: two fresh samples are not the three the window needs
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isNotEqualTo("ready");
        JsonNode stored = Json.parseTree(parameterStore.value(READINESS).orElseThrow(), "readiness");
        assertThat(stored.path("status").asText()).isEqualTo("NOT_READY");
        assertThat(stored.toString()).contains("2 fresh samples");
    }

    @Test
    void scheduledTick_inAutoMode_startsAttemptOneOfTheWorkflow_onceReady() {
        // GIVEN the same healthy world, but the config asks for automatic cutover
        givenStoredConfig(RepoFiles.read("config/example.json").replace("\"mode\": \"manual\"", "\"mode\": \"auto\""));
        givenHealthyReplication();
        givenStepFunctionsStartsExecutions();

        // WHEN
        ObjectNode answer = handler().handle(Events.read("scheduled-readiness-poll.json"));

        // THEN one StartExecution named {migrationId}-{attempt} with the contract's input
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("ready");
        assertThat(answer.path("executionName").asText()).isEqualTo("orders-db-1");
        assertThat(requestsFor("StartExecution")).hasSize(1);
        JsonNode start = Json.parseTree(requestsFor("StartExecution").getFirst().getBodyAsString(), "start");
        assertThat(start.path("stateMachineArn").asText()).isEqualTo(STATE_MACHINE_ARN);
        assertThat(start.path("name").asText()).isEqualTo("orders-db-1");
        assertThat(Json.parseTree(start.path("input").asText(), "input"))
                .isEqualTo(Json.parseTree("{\"migrationId\":\"orders-db\",\"attempt\":1,\"dryRun\":false}", "expected"));
    }

    @Test
    void replicationTaskFailedEvent_forOurTask_isNotReadyAtOnce_withoutWaitingForAPoll() {
        // GIVEN the migration was READY (no workflow yet) and DMS would still describe the task as running
        givenStoredConfig();
        givenState(Phase.READY, 0, null);
        givenHealthyReplication();

        // WHEN DMS reports our task failed
        ObjectNode answer = handler().handle(Events.read("dms-task-failed.json"));

        // THEN not ready from the event alone: no DMS or CloudWatch call was needed to decide
        assertThat(answer.path("outcome").asText()).isEqualTo("not_ready");
        assertThat(answer.path("message").asText()).contains("ORDERSTASKONE", "REPLICATION_TASK_FAILED");
        assertThat(answer.path("phase").asText()).isEqualTo("IDLE");
        assertThat(requestsFor("DescribeReplicationTasks")).isEmpty();
        assertThat(requestsFor("GetMetricData")).isEmpty();
        JsonNode stored = Json.parseTree(parameterStore.value(READINESS).orElseThrow(), "readiness");
        assertThat(stored.path("status").asText()).isEqualTo("NOT_READY");
        assertThat(stored.path("taskStates").path(TASK_ONE).asText()).isEqualTo("REPLICATION_TASK_FAILED");
        assertThat(mutatingOperations()).containsOnly("PutParameter");
    }

    @Test
    void steadyStatePolls_costTwoDmsAndCloudWatchRequests_afterTheFirstPollLearnedTheInstanceName() {
        // GIVEN one handler instance (one Lambda environment) polling twice
        givenStoredConfig();
        givenHealthyReplication();
        ReadinessPollHandler handler = handler();
        handler.handle(Events.read("scheduled-readiness-poll.json"));
        wireMock.resetRequests();

        // WHEN the schedule ticks again
        ObjectNode answer = handler.handle(Events.read("scheduled-readiness-poll.json"));

        // THEN only DescribeReplicationTasks and GetMetricData went to DMS and CloudWatch for the task facts
        assertThat(answer.path("outcome").asText()).isEqualTo("ready");
        assertThat(operations()).filteredOn(op -> op.startsWith("DescribeReplication") || op.equals("GetMetricData"))
                .containsExactly("DescribeReplicationTasks", "GetMetricData");
    }
}
