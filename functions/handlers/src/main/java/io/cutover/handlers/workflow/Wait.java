package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** A Wait state: a number of seconds or until a timestamp, each either fixed or read from the input. */
final class Wait extends State<Wait> {
    private String field;
    private JsonNode value;
    private String next;

    Wait(String name) {
        super(name);
    }

    Wait seconds(int seconds) {
        return until("Seconds", IntNode.valueOf(seconds));
    }

    Wait secondsPath(String path) {
        return until("SecondsPath", TextNode.valueOf(path));
    }

    /** An ISO-8601 instant. */
    Wait timestamp(String instant) {
        return until("Timestamp", TextNode.valueOf(instant));
    }

    Wait timestampPath(String path) {
        return until("TimestampPath", TextNode.valueOf(path));
    }

    Wait next(String state) {
        this.next = state;
        return this;
    }

    private Wait until(String kind, JsonNode how) {
        if (field != null) {
            throw new IllegalStateException(name() + " already waits by " + field + "; a Wait has exactly one");
        }
        this.field = kind;
        this.value = how;
        return this;
    }

    @Override
    String type() {
        return "Wait";
    }

    @Override
    void writeFields(ObjectNode json) {
        if (field == null) {
            throw new IllegalStateException(name() + " says neither how long nor until when");
        }
        json.set(field, value);
        writeTransition(json, next, false);
    }
}
