package io.cutover.statemachine;

import java.time.Duration;

/** Decides how long a local execution really pauses in each Wait state (bakes and polls are minutes in the ASL). */
@FunctionalInterface
public interface WaitPolicy {
    Duration pauseFor(String stateName, double requestedSeconds);

    /** Every Wait passes at once: tests. */
    static WaitPolicy none() {
        return (stateName, requestedSeconds) -> Duration.ZERO;
    }

    /** Pauses as long as the definition asks. */
    static WaitPolicy asRequested() {
        return speedUp(1);
    }

    /** Pauses the requested time divided by {@code factor}: a rehearsal at {@code --speed factor}. */
    static WaitPolicy speedUp(double factor) {
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("speed-up factor must be a finite number >= 1, got " + factor);
        }
        return (stateName, requestedSeconds) -> Duration.ofNanos(Math.round(requestedSeconds / factor * 1e9));
    }
}
