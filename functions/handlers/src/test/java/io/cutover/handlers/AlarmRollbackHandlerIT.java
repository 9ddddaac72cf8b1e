package io.cutover.handlers;

import io.cutover.aws.testing.RdsRestoreStub;
import io.cutover.aws.testing.Xml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Alarm-driven rollback over the real Route 53, SSM, CloudWatch and RDS clients. */
class AlarmRollbackHandlerIT extends StubbedAwsTest {
    private static final String CHANGE_SET = "//ChangeBatch/Changes/Change/ResourceRecordSet/";

    private AlarmRollbackHandler handler() {
        return new AlarmRollbackHandler(ports(), MIGRATION);
    }

    static Stream<Arguments> activeCutovers() {
        return Stream.of(
                // phase, reader target weight, writer target weight, the records that must move back, phase after
                Arguments.of(Phase.SHIFTING, 50, 0, List.of(READER_RECORD), Phase.ROLLED_BACK),
                Arguments.of(Phase.SWITCHED, 100, 100, List.of(WRITER_RECORD, READER_RECORD), Phase.ROLLING_BACK));
    }

    @ParameterizedTest(name = "{0}: reader target {1} %, writer target {2} %")
    @MethodSource("activeCutovers")
    void watchedAlarmInAlarm_duringACutover_movesEveryGroupNotOnTheSourceBackTo100_0(
            Phase phase, int readerTarget, int writerTarget, List<String> expectedBatches, Phase phaseAfter) {
        // GIVEN an active cutover with some traffic on the target
        givenStoredConfig();
        givenState(phase, readerTarget, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenHealthyReplication();
        givenAuroraPostgresqlTarget();
        givenStepFunctionsExecutionRunning("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100 - writerTarget, writerTarget)
                .weights(READER_RECORD, 100 - readerTarget, readerTarget).acceptingChanges();

        // WHEN a watched alarm goes to ALARM
        ObjectNode answer = handler().handle(Events.read("alarm-cpu-high-alarm.json"));

        // THEN one batch per group that had moved, each putting both of its records back to source 100 / target 0
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("rolled_back");
        assertThat(answer.path("phase").asText()).isEqualTo(phaseAfter.name());
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).extracting(b -> Xml.values(b.getBodyAsString(), CHANGE_SET + "Name").getFirst())
                .containsExactlyInAnyOrderElementsOf(expectedBatches);
        for (LoggedRequest batch : batches) {
            String body = batch.getBodyAsString();
            assertThat(Xml.values(body, "//ChangeBatch/Changes/Change/Action")).containsExactly("UPSERT", "UPSERT");
            assertThat(Xml.values(body, CHANGE_SET + "SetIdentifier")).containsExactly("source", "aurora");
            assertThat(Xml.values(body, CHANGE_SET + "Weight")).containsExactly("100", "0");
        }
        // AND the state says so; the rollback did not wait for, nor take, the workflow's lock
        assertThat(Json.parseTree(parameterStore.value("/cutover/orders-db/state").orElseThrow(), "state")
                .path("phase").asText()).isEqualTo(phaseAfter.name());
        assertThat(parameterStore.value("/cutover/orders-db/lock")).get().asString().contains("orders-db-1");
        assertThat(parametersPut()).doesNotContain("/cutover/orders-db/lock");
        assertThat(databases.opens()).isZero();
    }

    @Test
    void watchedAlarmInAlarm_afterTheSwitch_startsNoRestoreItself_andLeavesItToTheRunningExecution() {
        // GIVEN the writer on Aurora (a point-in-time restore is due), the cutover's execution running, and RDS
        // behaving as it does: a restored cluster is creating for a while, and refuses an instance until available
        givenStoredConfig();
        givenState(Phase.SWITCHED, 100, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenHealthyReplication();
        RdsRestoreStub rds = givenAuroraPostgresqlTarget();
        givenStepFunctionsExecutionRunning("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 0, 100).weights(READER_RECORD, 0, 100).acceptingChanges();

        // WHEN a watched alarm goes to ALARM
        ObjectNode answer = handler().handle(Events.read("alarm-cpu-high-alarm.json"));

        // THEN traffic is back on the source at once, and the restore (hours, in RDS) is the workflow's: the
        // handler asked RDS for nothing (main restored and asked for the writer here: InvalidDBClusterStateFault)
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("rolled_back");
        assertThat(requestsFor("ChangeResourceRecordSets")).hasSize(2);
        assertThat(answer.path("recovery").path("recovery").asText()).isEqualTo("handed_over");
        assertThat(answer.path("recovery").path("executionName").asText()).isEqualTo("orders-db-1");
        assertThat(answer.path("recovery").path("detail").asText()).contains("running execution orders-db-1");
        assertThat(answer.path("phase").asText()).isEqualTo("ROLLING_BACK");
        assertThat(requestsFor("RestoreDBClusterToPointInTime")).isEmpty();
        assertThat(requestsFor("CreateDBInstance")).isEmpty();
        assertThat(rds.state()).isEqualTo("Started");
        // AND the hand-over asked Step Functions with the recovery input, which the running execution refused
        assertThat(requestsFor("StartExecution")).singleElement().satisfies(start -> assertThat(
                Json.parseTree(Json.parseTree(start.getBodyAsString(), "start").path("input").asText(), "input")
                        .path("handOver").toString())
                .isEqualTo("{\"requestedBy\":\"alarm orders-aurora-cpu-high\",\"reason\":"
                        + "\"alarm orders-aurora-cpu-high in ALARM\",\"strategy\":\"pitr\"}"));
    }

    @Test
    void watchedAlarmInAlarm_afterTheSwitch_withNoExecutionRunning_startsOneThatRecovers() {
        // GIVEN the writer on Aurora after an execution that ended (its name is taken), no execution running
        givenStoredConfig();
        givenState(Phase.SWITCHED, 100, null);
        givenHealthyReplication();
        givenAuroraPostgresqlTarget();
        givenStepFunctionsStartsExecutions();
        givenRoute53().weights(WRITER_RECORD, 0, 100).weights(READER_RECORD, 0, 100).acceptingChanges();

        // WHEN
        ObjectNode answer = handler().handle(Events.read("alarm-cpu-high-alarm.json"));

        // THEN an execution is started to recover; the rollback stays ROLLING_BACK until it finishes
        assertThat(answer.path("recovery").path("detail").asText()).as(answer.toString())
                .contains("started in execution orders-db-1");
        assertThat(answer.path("phase").asText()).isEqualTo("ROLLING_BACK");
        assertThat(requestsFor("StartExecution")).hasSize(1);
        assertThat(requestsFor("RestoreDBClusterToPointInTime")).isEmpty();
    }

    @Test
    void okTransition_ofAWatchedAlarm_isIgnored_withoutAMutatingRequest() {
        givenStoredConfig();
        givenState(Phase.SHIFTING, 50, "orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 50, 50).acceptingChanges();

        ObjectNode answer = handler().handle(Events.read("alarm-cpu-high-ok.json"));

        assertThat(answer.path("outcome").asText()).isEqualTo("ignored");
        assertThat(answer.path("message").asText()).contains("orders-aurora-cpu-high", "OK");
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void alarmOfAnotherSystem_isIgnored_withoutAMutatingRequest() {
        givenStoredConfig();
        givenState(Phase.SHIFTING, 50, "orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 50, 50).acceptingChanges();

        ObjectNode answer = handler().handle(Events.read("alarm-foreign-alarm.json"));

        assertThat(answer.path("outcome").asText()).isEqualTo("ignored");
        assertThat(answer.path("message").asText()).contains("billing-db-cpu-high");
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void watchedAlarmInAlarm_withNoCutoverActive_changesNothing() {
        givenStoredConfig();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 100, 0).acceptingChanges();

        ObjectNode answer = handler().handle(Events.read("alarm-cpu-high-alarm.json"));

        assertThat(answer.path("outcome").asText()).isEqualTo("no_op");
        assertThat(answer.path("message").asText()).contains("IDLE");
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void watchedAlarmWithItsTagsPropagated_rollsBack_andTheFieldsAwsAddedAreLogged() {
        // GIVEN readers half on the target, and the watched alarm's event as CloudWatch sends it with tag
        // propagation on: detail.alarmTags and detail.alarmTagsStatus
        givenACutoverUnderWay();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        ObjectNode answer;

        // WHEN it reaches the function
        JsonLog.sendTo(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            answer = handler().handle(RepoFiles.read("events/aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json"));
        } finally {
            JsonLog.sendTo(System.out);
        }

        // THEN the readers go back to the source, and a warning names the fields this version does not read
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("rolled_back");
        assertThat(requestsFor("ChangeResourceRecordSets")).singleElement()
                .satisfies(b -> assertThat(Xml.values(b.getBodyAsString(), CHANGE_SET + "Weight"))
                        .containsExactly("100", "0"));
        assertThat(logs.toString(StandardCharsets.UTF_8).lines().map(line -> Json.parseTree(line, "log line"))
                .filter(line -> line.has("unknownFields")))
                .singleElement().satisfies(line -> assertThat(line.path("unknownFields").toString())
                        .isEqualTo("[\"detail.alarmTags\",\"detail.alarmTagsStatus\"]"));
    }
}
