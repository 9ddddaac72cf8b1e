package io.cutover.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.event.EventParser;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every event in the repository's top-level {@code events/} folder (maintained with the CLI and the CDK rules),
 * and this module's own test events, goes to the function its detail-type routes it to, in a world with a cutover
 * under way. Each must either be processed, or be rejected or ignored without a single mutating request.
 * {@code events/aws-additions/} holds events carrying fields AWS added to an event kind; they are run alike.
 */
class RepositoryEventsIT extends StubbedAwsTest {
    private static final Set<String> UNTOUCHED = Set.of("invalid", "ignored");

    @TestFactory
    Stream<DynamicTest> everyRepositoryEvent_isProcessed_orRejectedWithoutAMutatingRequest() throws Exception {
        return Stream.of(jsonFiles(RepoFiles.path("events")), jsonFiles(RepoFiles.path("events/aws-additions")),
                        jsonFiles(Path.of(Events.class.getResource("/events").toURI()))).flatMap(files -> files)
                .map(file -> DynamicTest.dynamicTest(RepoFiles.root().relativize(file).toString(), () -> {
                    resetStub();
                    verify(file);
                }));
    }

    private static Stream<Path> jsonFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    private void verify(Path file) {
        // GIVEN readers half on the target, replication healthy, every alarm OK
        givenACutoverUnderWay();
        String body = RepoFiles.read(file);

        // WHEN it reaches the function its detail-type is routed to
        ObjectNode answer = routedHandle(body);

        // THEN an answer; and nothing changed unless the event was acted upon
        String outcome = answer.path("outcome").asText();
        assertThat(outcome).as(answer.toString()).isNotBlank();
        if (UNTOUCHED.contains(outcome)) {
            assertThat(mutatingOperations()).as(file + " → " + outcome).isEmpty();
        }
        if (outcome.equals("invalid")) {
            assertThat(answer.path("errors").get(0).path("field").asText()).isNotBlank();
        }
    }

    private ObjectNode routedHandle(String body) {
        String detailType = detailType(body);
        if (EventParser.ALARM_STATE_CHANGE.equals(detailType)) {
            return new AlarmRollbackHandler(ports(), MIGRATION).handle(body);
        }
        // Scheduled ticks, DMS changes, and anything unroutable: the poll is the function that must reject it.
        return new ReadinessPollHandler(ports(), MIGRATION).handle(body);
    }

    private static String detailType(String body) {
        try {
            JsonNode tree = Json.parseTree(body, "event");
            return tree.path("detail-type").asText(null);
        } catch (InvalidDocumentException e) {
            return null;
        }
    }
}
