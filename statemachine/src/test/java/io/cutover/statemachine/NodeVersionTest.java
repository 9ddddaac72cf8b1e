package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeVersionTest {
    @Test
    void parse_readsWhatNodeVersionPrints() {
        assertThat(NodeVersion.parse("v22.23.3\n")).isEqualTo(new NodeVersion(22, 23, 3));
    }

    @ParameterizedTest(name = "{0} enough: {1}")
    @CsvSource({"v20.20.2, false", "v22.14.9, false", "v22.15.0, true", "v22.23.3, true", "v24.0.0, true",
            "v100.1.1, true"})
    void isAtLeast_comparesNumerically_notAsText(String version, boolean enough) {
        assertThat(NodeVersion.parse(version).isAtLeast(NodeVersion.REQUIRED)).isEqualTo(enough);
    }

    @Test
    void parse_rejectsSomethingElse_showingIt() {
        assertThatThrownBy(() -> NodeVersion.parse("node: command not found"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node: command not found");
    }
}
