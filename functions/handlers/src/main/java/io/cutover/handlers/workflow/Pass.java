package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Pass state: puts a fixed Result, or Parameters built from the input, at its result path. */
final class Pass extends State<Pass> {
    private Fields parameters = Fields.NONE;
    private Fields result = Fields.NONE;
    private String resultPath;
    private String next;

    Pass(String name) {
        super(name);
    }

    Pass parameters(Fields fields) {
        this.parameters = fields;
        return this;
    }

    Pass result(Fields fixed) {
        this.result = fixed;
        return this;
    }

    Pass resultPath(String path) {
        this.resultPath = path;
        return this;
    }

    Pass next(String state) {
        this.next = state;
        return this;
    }

    @Override
    String type() {
        return "Pass";
    }

    @Override
    void writeFields(ObjectNode json) {
        if (!parameters.isEmpty()) {
            json.set("Parameters", parameters.toJson());
        }
        if (!result.isEmpty()) {
            json.set("Result", result.toJson());
        }
        if (resultPath != null) {
            json.put("ResultPath", resultPath);
        }
        writeTransition(json, next, false);
    }
}
