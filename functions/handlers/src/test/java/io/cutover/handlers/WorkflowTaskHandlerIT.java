package io.cutover.handlers;

import io.cutover.aws.testing.Xml;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.errors.CutoverAbortedException;
import io.cutover.handlers.errors.InvalidTaskInputException;
import io.cutover.handlers.errors.TransientTaskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state machine's task function over the real SDK clients. */
class WorkflowTaskHandlerIT extends StubbedAwsTest {

    private WorkflowTaskHandler handler() {
        return new WorkflowTaskHandler(ports(), MIGRATION);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            task         | {"task":"launchRockets","migrationId":"orders-db","executionName":"orders-db-2"}
            executionName | {"task":"shiftReaders","migrationId":"orders-db","percent":20}
            migrationId  | {"task":"shiftReaders","migrationId":"orders db","executionName":"orders-db-2","percent":20}
            $            | ["shiftReaders"]
            """)
    void invalidTaskInput_throwsNamingTheField_beforeASingleAwsRequest(String field, String input) {
        givenStoredConfig();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 100, 0).acceptingChanges();

        assertThatThrownBy(() -> handler().handle(input))
                .isExactlyInstanceOf(InvalidTaskInputException.class)
                .cause().isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field).contains(field));
        assertThat(requests()).isEmpty();
    }

    @Test
    void shiftReaders_whileAnotherExecutionHoldsTheLock_abortsWithoutTouchingRoute53() {
        // GIVEN execution orders-db-1 holds the lock; a stale execution orders-db-2 is still running
        givenStoredConfig();
        givenState(Phase.SHIFTING, 20, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 80, 20).acceptingChanges();

        // WHEN / THEN the task aborts naming the holder (the state machine routes this to rollback, not retry)
        assertThatThrownBy(() -> handler().handle(
                "{\"task\":\"shiftReaders\",\"migrationId\":\"orders-db\",\"executionName\":\"orders-db-2\",\"percent\":50}"))
                .isExactlyInstanceOf(CutoverAbortedException.class)
                .hasMessageContaining("orders-db-1");
        assertThat(requestsFor("ChangeResourceRecordSets")).isEmpty();
        assertThat(requestsFor("ListResourceRecordSets")).isEmpty();
        assertThat(parameterStore.value("/cutover/orders-db/lock")).get().asString().contains("orders-db-1");
        assertThat(mutatingOperations()).containsOnly("PutParameter");
    }

    @Test
    void shiftReaders_byTheLockHolder_movesTheReaderPairOnce_andRecordsTheStep() {
        // GIVEN the holder's own shift to 50 %
        givenStoredConfig();
        givenState(Phase.SHIFTING, 20, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 80, 20).acceptingChanges();

        // WHEN
        ObjectNode result = handler().handle(
                "{\"task\":\"shiftReaders\",\"migrationId\":\"orders-db\",\"executionName\":\"orders-db-1\",\"percent\":50}");

        // THEN
        assertThat(result.path("changed").asBoolean()).isTrue();
        assertThat(result.path("weights").path("orders-reader").path("target").asInt()).isEqualTo(50);
        assertThat(requestsFor("ChangeResourceRecordSets")).hasSize(1);
        assertThat(Xml.values(requestsFor("ChangeResourceRecordSets").getFirst().getBodyAsString(),
                "//ChangeBatch/Changes/Change/ResourceRecordSet/Weight")).containsExactly("50", "50");
        assertThat(Json.parseTree(parameterStore.value("/cutover/orders-db/state").orElseThrow(), "state")
                .path("readerPercent").asInt()).isEqualTo(50);
    }

    @Test
    void connectionReset_byParameterStore_isATransientTaskError_forTheStateMachineToRetry() {
        // GIVEN SSM drops the connection
        wireMock.stubFor(post(urlEqualTo("/")).atPriority(1).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(containing("/cutover/orders-db/config"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // WHEN / THEN
        assertThatThrownBy(() -> handler().handle(
                "{\"task\":\"checkReadiness\",\"migrationId\":\"orders-db\",\"executionName\":\"orders-db-1\","
                        + "\"gate\":\"reader\",\"deadline\":null}"))
                .isExactlyInstanceOf(TransientTaskException.class);
        assertThat(operations()).containsExactly("GetParameter");
    }
}
