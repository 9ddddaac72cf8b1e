package io.cutover.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;

/** The answer to a document that failed validation: every problem, field by field. */
final class InvalidAnswers {
    private InvalidAnswers() {
    }

    static ObjectNode invalid(InvalidDocumentException e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("outcome", "invalid");
        node.put("message", e.getMessage());
        ArrayNode errors = node.putArray("errors");
        for (Problem problem : e.problems()) {
            ObjectNode error = errors.addObject();
            error.put("field", problem.field());
            error.put("value", problem.value());
            error.put("expected", problem.expected());
        }
        return node;
    }
}
