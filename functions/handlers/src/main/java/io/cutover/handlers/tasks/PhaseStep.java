package io.cutover.handlers.tasks;

import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseMachine;
import java.time.Instant;

/** A phase change a task records; returns the state unchanged (the same object) when there is nothing to record. */
@FunctionalInterface
public interface PhaseStep {
    CutoverState applyTo(CutoverState state, String executionName, Instant now);

    /** To {@code phase} at {@code readerPercent}; a no-op when the state is already there (a repeated task). */
    static PhaseStep to(Phase phase, int readerPercent, String reason) {
        return (state, execution, now) -> PhaseMachine.transition(state, phase, readerPercent, execution, now, reason)
                .orThrow();
    }

    /** A migration found ready: idle, or rolled back and so re-armed through IDLE, moves to READY; else nothing. */
    static PhaseStep armed(String reason) {
        return (state, execution, now) -> PhaseMachine.armed(state, execution, now, reason);
    }

    /** Only when the state is {@code from}; otherwise nothing (e.g. a step that ran before the phase moved on). */
    static PhaseStep from(Phase from, Phase to, int readerPercent, String reason) {
        return (state, execution, now) -> state.phase() == from
                ? PhaseMachine.transition(state, to, readerPercent, execution, now, reason).orThrow()
                : state;
    }

    /**
     * As {@link #from}, and only when this execution moved the state there: a task that outlived its Parallel state
     * (a branch beside it failed, and Lambda runs an invoked function to its end) cannot move another execution's
     * state.
     */
    static PhaseStep fromOwn(Phase from, Phase to, int readerPercent, String reason) {
        return (state, execution, now) -> state.phase() == from && execution.equals(state.executionName())
                ? PhaseMachine.transition(state, to, readerPercent, execution, now, reason).orThrow()
                : state;
    }
}
