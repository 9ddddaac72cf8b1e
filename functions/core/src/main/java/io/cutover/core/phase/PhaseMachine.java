package io.cutover.core.phase;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal phase changes: {@code IDLE → READY → SHIFTING(step) → FENCED → DRAINED → SWITCHED →
 * [FALLBACK_OPEN →] COMPLETED}, {@code ROLLING_BACK → ROLLED_BACK} from any active phase, READY back to IDLE when
 * readiness is lost before anything moved, and ROLLED_BACK back to IDLE to re-arm.
 */
public final class PhaseMachine {
    private static final Map<Phase, Set<Phase>> LEGAL = new EnumMap<>(Phase.class);

    static {
        LEGAL.put(Phase.IDLE, EnumSet.of(Phase.READY));
        LEGAL.put(Phase.READY, EnumSet.of(Phase.IDLE, Phase.SHIFTING, Phase.FENCED, Phase.ROLLING_BACK));
        LEGAL.put(Phase.SHIFTING, EnumSet.of(Phase.SHIFTING, Phase.FENCED, Phase.ROLLING_BACK));
        LEGAL.put(Phase.FENCED, EnumSet.of(Phase.DRAINED, Phase.ROLLING_BACK));
        LEGAL.put(Phase.DRAINED, EnumSet.of(Phase.SWITCHED, Phase.ROLLING_BACK));
        LEGAL.put(Phase.SWITCHED, EnumSet.of(Phase.FALLBACK_OPEN, Phase.COMPLETED, Phase.ROLLING_BACK));
        LEGAL.put(Phase.FALLBACK_OPEN, EnumSet.of(Phase.COMPLETED, Phase.ROLLING_BACK));
        LEGAL.put(Phase.COMPLETED, EnumSet.noneOf(Phase.class));
        LEGAL.put(Phase.ROLLING_BACK, EnumSet.of(Phase.ROLLED_BACK));
        LEGAL.put(Phase.ROLLED_BACK, EnumSet.of(Phase.IDLE));
    }

    private PhaseMachine() {
    }

    public static boolean isLegal(Phase from, Phase to) {
        return LEGAL.get(from).contains(to);
    }

    /**
     * Moves to {@code to}. A repeated request for the phase already reached (same step) is allowed
     * and changes nothing, because every caller may be invoked more than once.
     */
    public static Transition transition(CutoverState state, Phase to, int readerPercent, String executionName,
                                        Instant now, String reason) {
        if (readerPercent < 0 || readerPercent > 100) {
            return new Transition.Refused("reader percent must be 0..100, was " + readerPercent);
        }
        if (state.phase() == to && readerPercent == state.readerPercent()) {
            return new Transition.Allowed(state);
        }
        if (!isLegal(state.phase(), to)) {
            return new Transition.Refused("cannot go from " + state.phase() + " to " + to + ": " + why(state.phase(), to));
        }
        if (to == Phase.SHIFTING && state.phase() == Phase.SHIFTING && readerPercent < state.readerPercent()) {
            return new Transition.Refused("cannot shift readers back from " + state.readerPercent() + "% to "
                    + readerPercent + "% without a rollback: use {\"action\":\"rollback\"}");
        }
        String execution = executionName != null ? executionName : state.executionName();
        return new Transition.Allowed(state.moveTo(to, readerPercent, execution, now, reason));
    }

    /**
     * Readiness found for a migration that is idle, or rolled back and so re-armed through IDLE: the state at READY.
     * Any other phase is returned as it is, since the cutover is already under way or over.
     */
    public static CutoverState armed(CutoverState state, String executionName, Instant now, String reason) {
        CutoverState next = state;
        if (next.phase() == Phase.ROLLED_BACK) {
            next = transition(next, Phase.IDLE, 0, executionName, now, "re-armed").orThrow();
        }
        if (next.phase() == Phase.IDLE) {
            next = transition(next, Phase.READY, 0, executionName, now, reason).orThrow();
        }
        return next;
    }

    /** A rollback begins: an active cutover moves to ROLLING_BACK at its reader percent; any other phase stays. */
    public static CutoverState rollingBack(CutoverState state, Instant now, String reason) {
        return state.phase().isActive()
                ? transition(state, Phase.ROLLING_BACK, state.readerPercent(), null, now, reason).orThrow()
                : state;
    }

    private static String why(Phase from, Phase to) {
        if (from == Phase.COMPLETED) {
            return "the cutover is completed and the target has taken writes";
        }
        if (to == Phase.ROLLING_BACK) {
            return "nothing is active to roll back";
        }
        if (from == Phase.ROLLING_BACK) {
            return "a rollback is in progress";
        }
        if (from == Phase.IDLE) {
            return "the migration has not been found ready yet";
        }
        return "allowed next phases are " + LEGAL.get(from);
    }
}
