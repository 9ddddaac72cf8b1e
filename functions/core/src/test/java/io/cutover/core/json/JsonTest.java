package io.cutover.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static Problem onlyProblem(String body) {
        try {
            Json.parseTree(body, "thing");
        } catch (InvalidDocumentException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("expected " + body + " to be rejected");
    }

    @Test
    void parseTree_returnsTheTree_ofAValidDocument() {
        JsonNode tree = Json.parseTree("{\"a\": [1, {\"b\": true}]}", "thing");
        assertThat(tree.get("a").get(1).get("b").asBoolean()).isTrue();
    }

    @Test
    void parseTree_rejectsAnEmptyBody_asAnEmptyString() {
        assertThat(onlyProblem("")).isEqualTo(new Problem("$", "\"\"", "a JSON object"));
        assertThat(onlyProblem(null)).isEqualTo(new Problem("$", null, "a JSON object"));
    }

    @Test
    void parseTree_rejectsTruncatedAndTrailingContent_asNotJson() {
        assertThat(onlyProblem("{\"a\": 1").value()).startsWith("not JSON (");
        assertThat(onlyProblem("{\"a\": 1} {\"b\": 2}").value()).startsWith("not JSON (");
        assertThat(onlyProblem("{'a': 1}").field()).isEqualTo("$");
    }

    @Test
    void parseTree_namesARepeatedKey_byItsPath() {
        assertThat(onlyProblem("{\"a\": 1, \"a\": 2}"))
                .isEqualTo(new Problem("a", "a duplicate key", "each key once in an object"));
        assertThat(onlyProblem("{\"x\": [{\"b\": 1}, {\"c\": 1, \"c\": 2}]}").field()).isEqualTo("x[1].c");
        assertThat(onlyProblem("{\"x\": {\"y\": {\"z\": 1, \"z\": 1}}}").field()).isEqualTo("x.y.z");
        assertThat(onlyProblem("[[{\"k\": 1, \"k\": 1}]]").field()).isEqualTo("[0][0].k");
    }

    @Test
    void problem_messageSaysFieldValueAndExpectation() {
        assertThat(new Problem("recordGroups[1].ttl", "-1", "an integer from 0 to 172800").message())
                .isEqualTo("recordGroups[1].ttl: got -1; expected an integer from 0 to 172800");
        assertThat(new Problem("migrationId", null, "an id").toString()).isEqualTo("migrationId: missing; expected an id");
    }

    @Test
    void invalidDocument_needsAtLeastOneProblem_andJoinsThemInItsMessage() {
        assertThatThrownBy(() -> new InvalidDocumentException("thing", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        InvalidDocumentException e = new InvalidDocumentException("thing",
                List.of(new Problem("a", "1", "2"), new Problem("b", null, "3")));
        assertThat(e).hasMessage("thing is invalid: a: got 1; expected 2; b: missing; expected 3");
    }

    @Test
    void read_explainsWhatCouldNotBeRead() {
        assertThatThrownBy(() -> Json.read("{\"phase\": 1", Problem.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot read Problem: ");
    }

    @Test
    void writePretty_writesTheSameDocumentOnSeveralLines() throws Exception {
        Problem problem = new Problem("a", "1", "2");
        String pretty = Json.writePretty(problem);
        assertThat(pretty).contains("\n");
        assertThat(Json.MAPPER.readTree(pretty)).isEqualTo(Json.MAPPER.readTree(Json.write(problem)));
    }
}
