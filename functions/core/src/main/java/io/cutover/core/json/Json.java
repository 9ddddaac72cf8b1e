package io.cutover.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The one configured ObjectMapper of the project. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /**
     * Parses a document, turning every way it can fail to be JSON (empty, truncated, trailing content)
     * into one {@link Problem} about the whole body; a repeated key becomes a problem naming that key.
     */
    public static JsonNode parseTree(String body, String what) {
        if (body == null || body.isBlank()) {
            throw new InvalidDocumentException(what, List.of(new Problem("$", body == null ? null : "\"\"",
                    "a JSON object")));
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidDocumentException(what, List.of(new Problem("$", "\"\"", "a JSON object")));
            }
            return node;
        } catch (JsonProcessingException e) {
            String duplicate = duplicateKeyPath(e);
            if (duplicate != null) {
                throw new InvalidDocumentException(what, List.of(new Problem(duplicate, "a duplicate key",
                        "each key once in an object")));
            }
            throw new InvalidDocumentException(what, List.of(new Problem("$", "not JSON (" +
                    e.getOriginalMessage() + ")", "a JSON object")));
        }
    }

    /** The path of a repeated key (e.g. {@code recordGroups[1].ttl}), so the problem names the field; else null. */
    private static String duplicateKeyPath(JsonProcessingException e) {
        if (e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field")
                || !(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(path.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
        }
        return path.isEmpty() ? null : path.toString();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
