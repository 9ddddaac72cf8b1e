package io.cutover.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.errors.InvalidTaskInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not UTF-8, as the Lambda runtime hands them to {@code handleRequest}: refused with the byte named,
 * never read with U+FFFD in place of what was sent, and nothing changed.
 */
class NonUtf8InputIT extends StubbedAwsTest {
    private static final String TAGGED_ALARM = "events/aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json";

    @BeforeEach
    void aCutoverUnderWay() {
        // GIVEN readers half on the target, replication healthy: an alarm would roll back, a poll would store a verdict
        givenStoredConfig();
        givenState(Phase.SHIFTING, 50, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenHealthyReplication();
        givenAuroraPostgresqlTarget();
        givenStepFunctionsStartsExecutions();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 50, 50).acceptingChanges();
    }

    /** The UTF-8 text with its first {@code marker} character written as one ISO-8859-1 byte (0xE9 for 'é'). */
    private static byte[] latin1At(String text, String marker) {
        int at = text.indexOf(marker);
        return (text.substring(0, at) + "\u00e9" + text.substring(at + marker.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static JsonNode invoke(RequestStreamHandler handler, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(body), out, null);
        return Json.parseTree(out.toString(StandardCharsets.UTF_8), "answer");
    }

    private static void assertRefusedAt(JsonNode answer, int offset) {
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("invalid");
        assertThat(answer.path("message").asText()).contains("not valid UTF-8 at byte " + offset);
        assertThat(answer.path("errors").get(0).path("field").asText()).isEqualTo("$");
    }

    @Test
    void alarmEvent_withALatin1Byte_isRefusedNamingTheByte_andNothingIsRolledBack() throws IOException {
        // WHEN the watched alarm's event arrives with "é" in its reason written as the single byte 0xE9
        String text = RepoFiles.read(TAGGED_ALARM).replace("Threshold Crossed: 3 out", "Threshold Crossed: 3 \u00e9ut");
        byte[] body = latin1At(text, "\u00e9ut");

        JsonNode answer = invoke(new AlarmRollbackHandler(ports(), MIGRATION), body);

        // THEN it is refused, at that byte, and no record moved
        assertRefusedAt(answer, text.indexOf("\u00e9ut"));
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void dmsEvent_withALatin1Byte_isRefusedNamingTheByte_andNoVerdictIsStored() throws IOException {
        String text = RepoFiles.read("events/dms-task-failed.json").replace("has failed", "has f\u00e9iled");
        byte[] body = latin1At(text, "\u00e9iled");

        JsonNode answer = invoke(new ReadinessPollHandler(ports(), MIGRATION), body);

        assertRefusedAt(answer, text.indexOf("\u00e9iled"));
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void apiPayload_savedAsUtf16_isRefusedAtItsFirstByte() throws IOException {
        // WHEN an operator's editor saved the payload as UTF-16 with a byte order mark (FF FE)
        byte[] body = RepoFiles.read("test-payloads/status.json").getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);

        JsonNode answer = invoke(new CutoverApiHandler(ports(), MIGRATION), withBom);

        assertRefusedAt(answer, 0);
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void taskInput_withALatin1Byte_throwsInvalidTaskInput_beforeASingleAwsRequest() {
        String text = "{\"task\":\"shiftReaders\",\"migrationId\":\"orders-db\",\"executionName\":\"orders-db-2\","
                + "\"percent\":80,\"comment\":\"caf\u00e9\"}";
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> new WorkflowTaskHandler(ports(), MIGRATION)
                .handleRequest(new ByteArrayInputStream(body), new ByteArrayOutputStream(), null))
                .isExactlyInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("not valid UTF-8 at byte " + text.indexOf('\u00e9'));
        assertThat(requests()).isEmpty();
    }
}
