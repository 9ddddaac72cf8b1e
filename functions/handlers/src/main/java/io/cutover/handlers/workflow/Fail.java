package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Fail state: the execution's error and cause, each fixed or read from the input. */
final class Fail extends State<Fail> {
    private String error;
    private String errorPath;
    private String causePath;
    private String cause;

    Fail(String name) {
        super(name);
    }

    Fail error(String name) {
        this.error = name;
        return this;
    }

    Fail errorPath(String path) {
        this.errorPath = path;
        return this;
    }

    Fail cause(String text) {
        this.cause = text;
        return this;
    }

    Fail causePath(String path) {
        this.causePath = path;
        return this;
    }

    @Override
    String type() {
        return "Fail";
    }

    @Override
    void writeFields(ObjectNode json) {
        if (error != null) {
            json.put("Error", error);
        }
        if (errorPath != null) {
            json.put("ErrorPath", errorPath);
        }
        if (cause != null) {
            json.put("Cause", cause);
        }
        if (causePath != null) {
            json.put("CausePath", causePath);
        }
    }
}
