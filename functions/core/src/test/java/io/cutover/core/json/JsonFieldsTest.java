package io.cutover.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private final JsonFields fields = new JsonFields();

    private JsonFields.Obj root(String json) {
        return fields.root(Json.parseTree(json, "doc"), "section");
    }

    @Test
    void objectOrEmpty_givesEveryDefault_whenTheSectionIsAbsent() {
        JsonFields.Obj section = root("{}").objectOrEmpty("section", "size", "name");

        assertThat(section.optionalInteger("size", 1, 10, 7)).isEqualTo(7L);
        assertThat(section.optionalText("name", null, "a name", "fallback")).isEqualTo("fallback");
        assertThat(section.path("size")).isEqualTo("section.size");
        assertThat(fields.problems()).isEmpty();
    }

    @Test
    void objectOrEmpty_readsAndChecksTheSection_whenItIsWritten() {
        JsonFields.Obj section = root("{\"section\": {\"size\": 3, \"colour\": \"red\"}}")
                .objectOrEmpty("section", "size");

        assertThat(section.optionalInteger("size", 1, 10, 7)).isEqualTo(3L);
        assertThat(fields.problems()).extracting(Problem::field).containsExactly("section.colour");
    }

    @Test
    void objectOrEmpty_reportsAnExplicitNullOrAWrongType_ratherThanDefaulting() {
        assertThat(root("{\"section\": null}").objectOrEmpty("section", "size")).isNull();
        assertThat(root("{\"section\": 5}").objectOrEmpty("section", "size")).isNull();

        assertThat(fields.problems()).extracting(Problem::field).containsExactly("section", "section");
        assertThat(fields.problems()).extracting(Problem::expected).containsOnly("a JSON object");
    }
}
