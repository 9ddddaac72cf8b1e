package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A Succeed state: the execution ends successfully. */
final class Succeed extends State<Succeed> {
    Succeed(String name) {
        super(name);
    }

    @Override
    String type() {
        return "Succeed";
    }

    @Override
    void writeFields(ObjectNode json) {
    }
}
