package io.cutover.handlers.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import java.io.UncheckedIOException;

/**
 * The text of the generated file: two-space indentation, {@code "key": value}, one array element per line and a
 * final newline, which is how the file was written by hand (and what JSON.stringify(x, null, 2) prints), so a
 * regenerated file diffs only where the workflow changed.
 */
final class AslJson {
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT);

    private AslJson() {
    }

    static String write(ObjectNode definition) {
        try {
            return Json.MAPPER.writer(PRINTER).writeValueAsString(definition) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
