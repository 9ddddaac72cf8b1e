package io.cutover.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import io.cutover.handlers.errors.InvalidTaskInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bytes that are not UTF-8, as the Lambda runtime hands them to {@code handleRequest}: refused with the byte named,
 * never read with U+FFFD in place of what was sent, and nothing changed.
 */
class NonUtf8InputIT extends StubbedAwsTest {
    @BeforeEach
    void aCutoverUnderWay() {
        // GIVEN a cutover under way: an alarm would roll back, a poll would store a verdict
        givenACutoverUnderWay();
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

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            AlarmRollback | events/aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json | 3 out of | 3 éut of
            ReadinessPoll | events/dms-task-failed.json                                           | has failed | has féiled
            """)
    void eventWithALatin1Byte_isRefusedNamingTheByte_andNothingChanges(String function, String file, String from,
                                                                       String to) throws IOException {
        // WHEN the event arrives with an "é" written as the single ISO-8859-1 byte 0xE9
        String text = RepoFiles.read(file).replace(from, to);
        RequestStreamHandler handler = function.equals("AlarmRollback") ? new AlarmRollbackHandler(ports(), MIGRATION)
                : new ReadinessPollHandler(ports(), MIGRATION);

        JsonNode answer = invoke(handler, text.getBytes(StandardCharsets.ISO_8859_1));

        // THEN it is refused at that byte (the files are ASCII: one character, one byte), and nothing changed:
        // no record moved, no verdict stored
        assertRefusedAt(answer, text.indexOf('é'));
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
