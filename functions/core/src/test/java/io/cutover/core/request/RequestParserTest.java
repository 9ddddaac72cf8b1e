package io.cutover.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {

    static Stream<Arguments> validPayloads() {
        return Stream.of(
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20}",
                        new CutoverRequest.GradualCutover(20, false)),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":0}",
                        new CutoverRequest.GradualCutover(0, false)),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":100,\"dry_run\":true}",
                        new CutoverRequest.GradualCutover(100, true)),
                Arguments.of("{\"dry_run\":false,\"aurora_weight\":50,\"action\":\"gradual_cutover\"}",
                        new CutoverRequest.GradualCutover(50, false)),
                Arguments.of("{\"action\":\"manual_cutover\"}", new CutoverRequest.ManualCutover(false)),
                Arguments.of("{\"action\":\"manual_cutover\",\"dry_run\":true}", new CutoverRequest.ManualCutover(true)),
                Arguments.of("{\"action\":\"rollback\"}", new CutoverRequest.Rollback(null, false)),
                Arguments.of("{\"action\":\"rollback\",\"strategy\":\"dns\"}",
                        new CutoverRequest.Rollback(RollbackStrategy.DNS, false)),
                Arguments.of("{\"action\":\"rollback\",\"strategy\":\"pitr\",\"dry_run\":true}",
                        new CutoverRequest.Rollback(RollbackStrategy.PITR, true)),
                Arguments.of("{\"action\":\"rollback\",\"strategy\":\"backtrack\"}",
                        new CutoverRequest.Rollback(RollbackStrategy.BACKTRACK, false)),
                Arguments.of("{\"action\":\"status\"}", new CutoverRequest.Status()),
                Arguments.of("{\"action\":\"finalize\"}", new CutoverRequest.Finalize(false)),
                Arguments.of("{\"action\":\"finalize\",\"dry_run\":true}", new CutoverRequest.Finalize(true)),
                Arguments.of("  {\"action\" : \"status\"}\n", new CutoverRequest.Status()),
                Arguments.of("{\"action\":\"adopt_records\"}", new CutoverRequest.AdoptRecords(false)),
                Arguments.of("{\"action\":\"adopt_records\",\"dry_run\":true}", new CutoverRequest.AdoptRecords(true)),
                Arguments.of("{\"action\":\"backtrack\",\"to\":\"2026-11-21T09:30:00Z\"}",
                        new CutoverRequest.Backtrack(Instant.parse("2026-11-21T09:30:00Z"), false)),
                Arguments.of("{\"action\":\"backtrack\",\"to\":\"2026-11-21T10:30:00+01:00\",\"dry_run\":true}",
                        new CutoverRequest.Backtrack(Instant.parse("2026-11-21T09:30:00Z"), true)),
                Arguments.of("{\"action\":\"backtrack\",\"to\":\"2026-11-21T09:30:00.250Z\"}",
                        new CutoverRequest.Backtrack(Instant.parse("2026-11-21T09:30:00.250Z"), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayloads")
    void parse_acceptsEveryValidPayload_asItsTypedRequest(String body, CutoverRequest expected) {
        // WHEN a valid payload is parsed
        CutoverRequest request = RequestParser.parse(body);

        // THEN it becomes the typed request, with action and dry_run as given
        assertThat(request).isEqualTo(expected);
        assertThat(RequestParser.problemsOf(body)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayloads")
    void normalizedRequest_parsesBackToTheSameRequest(String body, CutoverRequest expected) {
        // GIVEN a parsed request written back as JSON
        String normalized = Json.write(RequestParser.parse(body));

        // WHEN that JSON is parsed again
        CutoverRequest again = RequestParser.parse(normalized);

        // THEN nothing was lost or added
        assertThat(again).isEqualTo(expected);
    }

    @Test
    void normalizedRequest_usesTheWireNames() {
        assertThat(Json.MAPPER.valueToTree(new CutoverRequest.GradualCutover(20, true)).toString())
                .contains("\"action\":\"gradual_cutover\"", "\"aurora_weight\":20", "\"dry_run\":true")
                .doesNotContain("auroraWeight", "dryRun");
        assertThat(Json.MAPPER.valueToTree(new CutoverRequest.Rollback(RollbackStrategy.PITR, false)).toString())
                .contains("\"strategy\":\"pitr\"");
        assertThat(Json.MAPPER.valueToTree(new CutoverRequest.Rollback(null, false)).has("strategy")).isFalse();
        assertThat(Json.write(new CutoverRequest.Status())).isEqualTo("{\"action\":\"status\"}");
        assertThat(Json.MAPPER.valueToTree(new CutoverRequest.Backtrack(Instant.parse("2026-11-21T09:30:00Z"), false))
                .get("to").asText()).isEqualTo("2026-11-21T09:30:00Z");
    }

    @Test
    void action_tellsWhichRequestsChangeSomething() {
        assertThat(Stream.of(Action.values()).filter(Action::isMutating))
                .containsExactlyInAnyOrder(Action.GRADUAL_CUTOVER, Action.MANUAL_CUTOVER, Action.ROLLBACK, Action.BACKTRACK,
                        Action.ADOPT_RECORDS, Action.FINALIZE);
        assertThat(new CutoverRequest.Status().dryRun()).isFalse();
    }

    static Stream<Arguments> invalidPayloads() {
        String weightRange = "an integer from 0 to 100";
        String actions = "one of \"gradual_cutover\", \"manual_cutover\", \"rollback\", \"status\", \"backtrack\"";
        return Stream.of(
                Arguments.of("", "$", "a JSON object"),
                Arguments.of("   ", "$", "a JSON object"),
                Arguments.of("action=status", "$", "a JSON object"),
                Arguments.of("{\"action\":\"status\"", "$", "a JSON object"),
                Arguments.of("{\"action\":\"status\"} {}", "$", "a JSON object"),
                Arguments.of("[{\"action\":\"status\"}]", "$", "a JSON object with an \"action\" field"),
                Arguments.of("null", "$", "a JSON object with an \"action\" field"),
                Arguments.of("\"status\"", "$", "a JSON object with an \"action\" field"),
                Arguments.of("20", "$", "a JSON object with an \"action\" field"),
                Arguments.of("{}", "action", actions),
                Arguments.of("{\"aurora_weight\":20}", "action", actions),
                Arguments.of("{\"action\":\"cutover\"}", "action", actions),
                Arguments.of("{\"action\":\"STATUS\"}", "action", actions),
                Arguments.of("{\"action\":1}", "action", actions),
                Arguments.of("{\"action\":null}", "action", actions),
                Arguments.of("{\"action\":[\"status\"]}", "action", actions),
                Arguments.of("{\"action\":\"gradual_cutover\"}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":null}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":-1}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":101}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":\"20\"}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20.5}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20.0}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":true}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":[20]}", "aurora_weight", weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":18446744073709551636}", "aurora_weight",
                        weightRange),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20,\"weight\":20}", "weight",
                        "no such field; allowed fields are action, aurora_weight, dry_run"),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20,\"dry_run\":\"true\"}", "dry_run",
                        "true or false"),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20,\"dry_run\":1}", "dry_run",
                        "true or false"),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20,\"dry_run\":null}", "dry_run",
                        "true or false"),
                Arguments.of("{\"action\":\"gradual_cutover\",\"aurora_weight\":20,\"aurora_weight\":50}", "aurora_weight",
                        "each key once in an object"),
                Arguments.of("{\"action\":\"status\",\"action\":\"rollback\"}", "action", "each key once in an object"),
                Arguments.of("{\"action\":\"manual_cutover\",\"aurora_weight\":100}", "aurora_weight",
                        "no such field; allowed fields are action, dry_run"),
                Arguments.of("{\"action\":\"manual_cutover\",\"dry_run\":\"yes\"}", "dry_run", "true or false"),
                Arguments.of("{\"action\":\"manual_cutover\",\"dry_run\":null}", "dry_run", "true or false"),
                Arguments.of("{\"action\":\"rollback\",\"strategy\":\"snapshot\"}", "strategy",
                        "one of \"dns\", \"backtrack\", \"pitr\""),
                Arguments.of("{\"action\":\"rollback\",\"strategy\":\"PITR\"}", "strategy",
                        "one of \"dns\", \"backtrack\", \"pitr\""),
                Arguments.of("{\"action\":\"rollback\",\"strategy\":null}", "strategy",
                        "one of \"dns\", \"backtrack\", \"pitr\""),
                Arguments.of("{\"action\":\"rollback\",\"reason\":\"alarm\"}", "reason",
                        "no such field; allowed fields are action, strategy, dry_run"),
                Arguments.of("{\"action\":\"status\",\"dry_run\":true}", "dry_run",
                        "no such field; allowed fields are action"),
                Arguments.of("{\"action\":\"status\",\"verbose\":true}", "verbose",
                        "no such field; allowed fields are action"),
                Arguments.of("{\"action\":\"backtrack\"}", "to", "an ISO-8601 timestamp with offset"),
                Arguments.of("{\"action\":\"backtrack\",\"to\":\"yesterday\"}", "to", "an ISO-8601 timestamp with offset"),
                Arguments.of("{\"action\":\"backtrack\",\"to\":\"2026-11-21T09:30:00\"}", "to",
                        "an ISO-8601 timestamp with offset"),
                Arguments.of("{\"action\":\"backtrack\",\"to\":\"2026-11-21\"}", "to", "an ISO-8601 timestamp with offset"),
                Arguments.of("{\"action\":\"backtrack\",\"to\":1763717400}", "to", "an ISO-8601 timestamp with offset"),
                Arguments.of("{\"action\":\"backtrack\",\"to\":\"2026-11-21T09:30:00Z\",\"strategy\":\"dns\"}", "strategy",
                        "no such field; allowed fields are action, to, dry_run"));
    }

    @ParameterizedTest(name = "[{index}] «{0}»")
    @MethodSource("invalidPayloads")
    void parse_rejectsAnInvalidPayload_namingTheFieldAndWhatIsAllowed(String body, String field, String allowed) {
        // WHEN an invalid payload is parsed
        // THEN it is refused with a problem naming the field and the allowed values
        assertThatThrownBy(() -> RequestParser.parse(body))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.field()).isEqualTo(field);
                            assertThat(p.expected()).contains(allowed);
                        }))
                .hasMessageStartingWith("request is invalid: ");
    }

    @Test
    void parse_rejectsANullBody() {
        assertThat(RequestParser.problemsOf(null)).extracting(Problem::field).containsExactly("$");
    }

    @Test
    void parse_reportsEveryProblemOfAKnownAction_atOnce() {
        // GIVEN a gradual cutover with a bad weight, a bad dry_run and an unknown field
        String body = "{\"action\":\"gradual_cutover\",\"aurora_weight\":\"20\",\"dry_run\":\"no\",\"force\":true}";

        // WHEN parsed
        List<Problem> problems = RequestParser.problemsOf(body);

        // THEN all three are reported, each with the value found
        assertThat(problems).containsExactlyInAnyOrder(
                new Problem("aurora_weight", "\"20\"", "an integer from 0 to 100"),
                new Problem("dry_run", "\"no\"", "true or false"),
                new Problem("force", "true", "no such field; allowed fields are action, aurora_weight, dry_run"));
    }

    @Test
    void parse_reportsAMissingWeight_asMissing() {
        assertThat(RequestParser.problemsOf("{\"action\":\"gradual_cutover\"}"))
                .containsExactly(new Problem("aurora_weight", null, "an integer from 0 to 100"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gradual_cutover", "manual_cutover", "rollback", "backtrack"})
    void everyMutatingAction_acceptsDryRun(String action) {
        // GIVEN a mutating action with its required fields and dry_run
        String extra = switch (action) {
            case "gradual_cutover" -> ",\"aurora_weight\":20";
            case "backtrack" -> ",\"to\":\"2026-11-21T09:30:00Z\"";
            default -> "";
        };

        // WHEN parsed
        CutoverRequest request = RequestParser.parse("{\"action\":\"" + action + "\"" + extra + ",\"dry_run\":true}");

        // THEN it is a dry run of that action
        assertThat(request.dryRun()).isTrue();
        assertThat(request.action().wireName()).isEqualTo(action);
        assertThat(request.action().isMutating()).isTrue();
    }

    @Test
    void parse_acceptsAnAlreadyParsedTree() throws Exception {
        assertThat(RequestParser.parse(Json.MAPPER.readTree("{\"action\":\"manual_cutover\"}")))
                .isEqualTo(new CutoverRequest.ManualCutover(false));
        assertThatThrownBy(() -> RequestParser.parse((com.fasterxml.jackson.databind.JsonNode) null))
                .isInstanceOf(InvalidRequestException.class);
    }
}
