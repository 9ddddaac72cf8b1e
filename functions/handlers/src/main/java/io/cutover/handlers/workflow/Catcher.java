package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One Catch entry: the errors it matches, where the error object is put in the input, and the state to go to. */
record Catcher(List<String> errorEquals, String resultPath, String next) {
    static final String ANY_ERROR = "States.ALL";
    /** Where a caught error goes unless a state says otherwise: the rollback and abandon tasks read it there. */
    static final String ERROR_PATH = "$.error";

    Catcher {
        errorEquals = List.copyOf(errorEquals);
    }

    static Catcher anyError(String next, String resultPath) {
        return new Catcher(List.of(ANY_ERROR), resultPath, next);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        errorEquals.forEach(json.putArray("ErrorEquals")::add);
        json.put("ResultPath", resultPath);
        json.put("Next", next);
        return json;
    }
}
