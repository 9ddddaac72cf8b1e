package io.cutover.statemachine;

import java.util.List;

/**
 * The local run could not produce an execution result: node missing or crashed, the definition rejected by the
 * interpreter, the run's deadline passed, or the dispatcher broke (an {@link Error} such as a failed assertion).
 * Not an outcome of the workflow itself: those are {@link ExecutionResult}s.
 */
public class LocalRunFailedException extends RuntimeException {
    private final List<StateTransition> statesSoFar;

    public LocalRunFailedException(String message, List<StateTransition> statesSoFar, Throwable cause) {
        super(message + describe(statesSoFar), cause);
        this.statesSoFar = List.copyOf(statesSoFar);
    }

    public List<StateTransition> statesSoFar() {
        return statesSoFar;
    }

    private static String describe(List<StateTransition> states) {
        if (states.isEmpty()) {
            return "; no state was entered";
        }
        int from = Math.max(0, states.size() - 10);
        return "; last states entered: " + states.subList(from, states.size()).stream()
                .map(StateTransition::name).toList();
    }
}
