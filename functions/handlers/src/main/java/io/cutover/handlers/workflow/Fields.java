package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON object written in the workflow source, in order: Parameters, ItemSelector, ResultSelector, Result.
 * Only value nodes (text, numbers, null), which are immutable, so the record is too.
 */
record Fields(List<Field> entries) {
    static final Fields NONE = new Fields(List.of());

    record Field(String key, JsonNode value) {
    }

    Fields {
        entries = List.copyOf(entries);
    }

    Fields with(String key, String value) {
        return plus(key, TextNode.valueOf(value));
    }

    Fields with(String key, int value) {
        return plus(key, IntNode.valueOf(value));
    }

    Fields withNull(String key) {
        return plus(key, NullNode.getInstance());
    }

    /** A value the state machine reads from the input or context at run time: the key gets ASL's ".$" suffix. */
    Fields withPath(String key, String path) {
        return plus(key + ".$", TextNode.valueOf(path));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        entries.forEach(field -> json.set(field.key(), field.value()));
        return json;
    }

    private Fields plus(String key, JsonNode value) {
        // A repeated key would silently keep only the last value in the rendered object.
        if (entries.stream().anyMatch(field -> field.key().equals(key))) {
            throw new IllegalArgumentException("field " + key + " given twice");
        }
        List<Field> more = new ArrayList<>(entries);
        more.add(new Field(key, value));
        return new Fields(more);
    }
}
