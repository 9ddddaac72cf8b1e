package io.cutover.core.request;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.fixtures.RepoRoot;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every file of {@code test-payloads/} (the payloads operators pass to {@code aws lambda invoke}) and
 * {@code test-payloads/invalid/} through the parser. Each file needs an expectation here, so a fixture
 * cannot be added without saying what it proves.
 */
class TestPayloadsTest {
    private static final Instant BACKTRACK_TO = Instant.parse("2026-11-21T09:30:00Z");

    private static final Map<String, CutoverRequest> VALID = Map.ofEntries(
            entry("gradual_cutover-20.json", new CutoverRequest.GradualCutover(20, false)),
            entry("gradual_cutover-50.json", new CutoverRequest.GradualCutover(50, false)),
            entry("gradual_cutover-80.json", new CutoverRequest.GradualCutover(80, false)),
            entry("gradual_cutover-100.json", new CutoverRequest.GradualCutover(100, false)),
            entry("gradual_cutover-50-dry-run.json", new CutoverRequest.GradualCutover(50, true)),
            entry("manual_cutover.json", new CutoverRequest.ManualCutover(false)),
            entry("manual_cutover-dry-run.json", new CutoverRequest.ManualCutover(true)),
            entry("rollback.json", new CutoverRequest.Rollback(null, false)),
            entry("rollback-dry-run.json", new CutoverRequest.Rollback(null, true)),
            entry("rollback-dns.json", new CutoverRequest.Rollback(RollbackStrategy.DNS, false)),
            entry("rollback-pitr.json", new CutoverRequest.Rollback(RollbackStrategy.PITR, false)),
            entry("rollback-pitr-dry-run.json", new CutoverRequest.Rollback(RollbackStrategy.PITR, true)),
            entry("rollback-backtrack.json", new CutoverRequest.Rollback(RollbackStrategy.BACKTRACK, false)),
            entry("status.json", new CutoverRequest.Status()),
            entry("finalize.json", new CutoverRequest.Finalize(false)),
            entry("finalize-dry-run.json", new CutoverRequest.Finalize(true)),
            entry("backtrack.json", new CutoverRequest.Backtrack(BACKTRACK_TO, false)),
            entry("backtrack-dry-run.json", new CutoverRequest.Backtrack(BACKTRACK_TO, true)),
            entry("adopt_records.json", new CutoverRequest.AdoptRecords(false)),
            entry("adopt_records-dry-run.json", new CutoverRequest.AdoptRecords(true)));

    /** The field each invalid payload's problem must name ({@code $} is the whole body). */
    private static final Map<String, String> INVALID = Map.ofEntries(
            entry("empty.json", "$"),
            entry("blank.json", "$"),
            entry("not-json.json", "$"),
            entry("truncated.json", "$"),
            entry("trailing-content.json", "$"),
            entry("array.json", "$"),
            entry("null.json", "$"),
            entry("string.json", "$"),
            entry("number.json", "$"),
            entry("missing-action.json", "action"),
            entry("empty-object.json", "action"),
            entry("unknown-action.json", "action"),
            entry("action-wrong-case.json", "action"),
            entry("action-not-string.json", "action"),
            entry("action-null.json", "action"),
            entry("duplicate-action.json", "action"),
            entry("gradual_cutover-weight-missing.json", "aurora_weight"),
            entry("gradual_cutover-weight-null.json", "aurora_weight"),
            entry("gradual_cutover-weight-negative.json", "aurora_weight"),
            entry("gradual_cutover-weight-over-100.json", "aurora_weight"),
            entry("gradual_cutover-weight-string.json", "aurora_weight"),
            entry("gradual_cutover-weight-fraction.json", "aurora_weight"),
            entry("gradual_cutover-weight-boolean.json", "aurora_weight"),
            entry("gradual_cutover-weight-duplicate.json", "aurora_weight"),
            entry("gradual_cutover-unknown-field.json", "force"),
            entry("gradual_cutover-dry-run-string.json", "dry_run"),
            entry("gradual_cutover-dry-run-null.json", "dry_run"),
            entry("manual_cutover-with-weight.json", "aurora_weight"),
            entry("manual_cutover-dry-run-number.json", "dry_run"),
            entry("rollback-unknown-strategy.json", "strategy"),
            entry("rollback-strategy-not-string.json", "strategy"),
            entry("status-with-dry-run.json", "dry_run"),
            entry("status-unknown-field.json", "verbose"),
            entry("backtrack-without-to.json", "to"),
            entry("backtrack-unparseable-to.json", "to"),
            entry("backtrack-to-without-offset.json", "to"),
            entry("backtrack-to-number.json", "to"),
            entry("backtrack-with-strategy.json", "strategy"),
            entry("adopt_records-unknown-field.json", "group"));

    private static Path validDir() {
        return RepoRoot.resolve("test-payloads");
    }

    private static Path invalidDir() {
        return validDir().resolve("invalid");
    }

    private static List<String> filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    static List<String> validFiles() {
        return filesIn(validDir());
    }

    static List<String> invalidFiles() {
        return filesIn(invalidDir());
    }

    @Test
    void everyPayloadFile_hasAnExpectation_andEveryExpectationAFile() {
        // GIVEN the files on disk and the expectations above
        // THEN they name the same files, both ways, in both folders
        assertThat(new TreeSet<>(validFiles()))
                .as("files in test-payloads/ without an expectation in VALID, or expectations without a file")
                .isEqualTo(new TreeSet<>(VALID.keySet()));
        assertThat(new TreeSet<>(invalidFiles()))
                .as("files in test-payloads/invalid/ without an expectation in INVALID, or expectations without a file")
                .isEqualTo(new TreeSet<>(INVALID.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void validPayload_parses_andReserializesToTheNormalizedRequest(String file) throws IOException {
        // GIVEN a payload an operator would invoke the API with
        String body = Files.readString(validDir().resolve(file));
        CutoverRequest expected = VALID.get(file);
        assertThat(expected).as("expectation for " + file).isNotNull();

        // WHEN it is parsed and written back
        CutoverRequest request = RequestParser.parse(body);
        String normalized = Json.write(request);

        // THEN it is the expected request, and its normalized form means the same thing
        assertThat(request).isEqualTo(expected);
        assertThat(RequestParser.parse(normalized)).isEqualTo(expected);
        assertThat(Json.MAPPER.readTree(normalized).get("action").asText()).isEqualTo(file.split("[-.]")[0]);
        assertThat(request.dryRun()).isEqualTo(file.contains("dry-run"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidPayload_isRejected_withAProblemNamingTheExpectedField(String file) throws IOException {
        // GIVEN a payload that is wrong in one way
        String body = Files.readString(invalidDir().resolve(file));
        String field = INVALID.get(file);
        assertThat(field).as("expected field for " + file).isNotNull();

        // WHEN parsed THEN it is refused, naming that field
        assertThatThrownBy(() -> RequestParser.parse(body))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .as("problems of " + file)
                        .anySatisfy(p -> {
                            assertThat(p.field()).isEqualTo(field);
                            assertThat(p.expected()).isNotBlank();
                        }));
    }
}
