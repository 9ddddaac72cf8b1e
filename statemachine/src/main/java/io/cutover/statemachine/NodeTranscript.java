package io.cutover.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What run-workflow.mjs printed: one JSON object per line, state events first, then one outcome line
 * ({@code ExecutionSucceeded}, {@code ExecutionFailed}, or {@code RunnerError} when nothing could run).
 * Fed from the node process's stdout thread, read after it ended.
 */
final class NodeTranscript {
    private final List<StateTransition> states = new ArrayList<>();
    private final List<String> strayLines = new ArrayList<>();
    private JsonNode outcome;

    synchronized void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode event;
        try {
            event = Jackson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            strayLines.add(line);
            return;
        }
        switch (event.path("event").asText()) {
            case "StateEntered" -> states.add(transition(event));
            case "ExecutionSucceeded", "ExecutionFailed", "RunnerError" -> outcome = event;
            case "StateExited", "StateFailed", "StateRetried", "StateCaught" -> {
                // Only entries make up the state list; the task calls themselves are the dispatcher's to record.
            }
            default -> strayLines.add(line);
        }
    }

    synchronized List<StateTransition> states() {
        return List.copyOf(states);
    }

    /** The execution's result, or why there is none. */
    synchronized ExecutionResult result(List<WaitRecord> waits, String stderrTail) {
        if (outcome == null) {
            throw new LocalRunFailedException("the local runner ended without an execution result"
                    + details(stderrTail), states, null);
        }
        return switch (outcome.path("event").asText()) {
            case "ExecutionSucceeded" -> new ExecutionResult(ExecutionStatus.SUCCEEDED, outcome.path("output"),
                    null, null, states, waits);
            case "ExecutionFailed" -> new ExecutionResult(ExecutionStatus.FAILED, null,
                    textOrNull(outcome.path("error")), textOrNull(outcome.path("cause")), states, waits);
            default -> throw new LocalRunFailedException("the local runner could not run the definition: "
                    + outcome.path("error").asText() + ": " + outcome.path("cause").asText()
                    + details(stderrTail), states, null);
        };
    }

    private String details(String stderrTail) {
        String details = "";
        if (!strayLines.isEmpty()) {
            details += "; unexpected output " + strayLines;
        }
        if (!stderrTail.isBlank()) {
            details += "; node stderr: " + stderrTail;
        }
        return details;
    }

    private static StateTransition transition(JsonNode event) {
        String name = event.path("state").asText();
        String type = event.path("stateType").asText();
        return event.hasNonNull("index") ? StateTransition.inIteration(name, type, event.get("index").asInt())
                : StateTransition.topLevel(name, type);
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
