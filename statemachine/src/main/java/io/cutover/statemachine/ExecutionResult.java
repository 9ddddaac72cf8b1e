package io.cutover.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The end of a local execution.
 *
 * @param status SUCCEEDED or FAILED
 * @param output the execution output when it succeeded; {@code null} when it failed
 * @param error  the execution's error name when it failed (a Fail state's {@code Error}); {@code null} on success
 * @param cause  the execution's cause when it failed; {@code null} on success
 * @param states every state entered, in order (states inside a Map carry their iteration)
 * @param waits  every Wait state passed, in order, with the requested and the applied pause
 */
public record ExecutionResult(ExecutionStatus status, JsonNode output, String error, String cause,
                              List<StateTransition> states, List<WaitRecord> waits) {
    public ExecutionResult {
        Objects.requireNonNull(status, "status");
        states = List.copyOf(states);
        waits = List.copyOf(waits);
    }

    /** The entered state names, in order, for assertions such as "FenceSource before Drain before SwitchWriter". */
    public List<String> stateNames() {
        return states.stream().map(StateTransition::name).toList();
    }

    public boolean entered(String stateName) {
        return states.stream().anyMatch(state -> state.name().equals(stateName));
    }

    public long timesEntered(String stateName) {
        return states.stream().filter(state -> state.name().equals(stateName)).count();
    }
}
