package io.cutover.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @Test
    void quote_doublesEmbeddedQuotes_soAnyNameIsOneIdentifier() {
        assertThat(Identifiers.quote("orders")).isEqualTo("\"orders\"");
        assertThat(Identifiers.quote("Order \"Lines\"; DROP TABLE x")).isEqualTo("\"Order \"\"Lines\"\"; DROP TABLE x\"");
    }

    @Test
    void quote_rejectsEmptyAndNul() {
        assertThatThrownBy(() -> Identifiers.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Identifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literal_escapesQuotesAndBackslashes_asAnEscapeString() {
        assertThat(Identifiers.literal("off")).isEqualTo("E'off'");
        assertThat(Identifiers.literal("it's a \\ path")).isEqualTo("E'it''s a \\\\ path'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "public.orders|public|orders",
            "Public.Orders|public|orders",
            "\"Sales\".\"Order Lines\"|Sales|Order Lines",
            "sales.\"Order.Lines\"|sales|Order.Lines",
            "\"we\"\"ird\".t|we\"ird|t",
    })
    void parseQualified_foldsUnquotedPartsAndKeepsQuotedOnes(String text, String schema, String table) {
        Identifiers.QualifiedName name = Identifiers.parseQualified(text);

        assertThat(name.schema()).isEqualTo(schema);
        assertThat(name.name()).isEqualTo(table);
    }

    @Test
    void parseQualified_quotesBothPartsForSql() {
        assertThat(Identifiers.parseQualified("Sales.\"Order Lines\"").quoted()).isEqualTo("\"sales\".\"Order Lines\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "a.b.c", ".orders", "public.", "\"unterminated.t", "pub lic.t", "\"a\"b.t", "a\"b\".t"})
    void parseQualified_rejectsAnythingButTwoClearParts(String text) {
        assertThatThrownBy(() -> Identifiers.parseQualified(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }
}
