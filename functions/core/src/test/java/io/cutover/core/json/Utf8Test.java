package io.cutover.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    @Test
    void utf8Text_decodesToTheSameText_multiByteCharactersIncluded() {
        String text = "{\"reason\":\"café → 𝄞\"}";

        assertThat(Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "event")).isEqualTo(text);
        assertThat(Utf8.decode(new byte[0], "event")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            latin-1 é inside a string    | 7b2263616fe9227d | 5 | E9
            UTF-16 byte order mark       | fffe7b00         | 0 | FF
            lone continuation byte       | 7b80             | 1 | 80
            overlong '/'                 | 7bc0af7d         | 1 | C0
            UTF-16 surrogate as CESU-8   | 22eda0bd22       | 1 | EDA0BD
            sequence cut at the end      | 7b22e282         | 2 | E282
            """)
    void malformedBytes_areAProblemNamingTheFirstBadByte(String what, String bytes, int offset, String shown) {
        assertThatThrownBy(() -> Utf8.decode(hex(bytes), "event"))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("$");
                        assertThat(p.value()).isEqualTo("not valid UTF-8 at byte " + offset + " (0x" + shown + ")");
                        assertThat(p.expected()).isEqualTo("JSON text encoded in UTF-8");
                    });
                    assertThat(e.getMessage()).startsWith("event is invalid: $: got not valid UTF-8 at byte " + offset);
                });
    }
}
