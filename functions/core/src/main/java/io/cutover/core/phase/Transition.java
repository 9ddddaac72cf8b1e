package io.cutover.core.phase;

/** The result of asking for a phase change: the new state, or why not. */
public sealed interface Transition {
    record Allowed(CutoverState state) implements Transition {
    }

    record Refused(String reason) implements Transition {
    }

    default CutoverState orThrow() {
        return switch (this) {
            case Allowed allowed -> allowed.state();
            case Refused refused -> throw new IllegalTransitionException(refused.reason());
        };
    }
}
