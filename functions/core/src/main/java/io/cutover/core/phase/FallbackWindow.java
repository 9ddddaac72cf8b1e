package io.cutover.core.phase;

import java.time.Instant;
import java.util.Optional;

/**
 * The fall-back window (issue 18): from the moment the cutover entered FALLBACK_OPEN until {@code finalize} or
 * {@code fallbackWindowSeconds} later. While it is open a rollback is still the switch in reverse.
 */
public final class FallbackWindow {
    private FallbackWindow() {
    }

    /** When the open window closes by itself; empty when no window is open. */
    public static Optional<Instant> closesAt(CutoverState state, int windowSeconds) {
        if (state.phase() != Phase.FALLBACK_OPEN) {
            return Optional.empty();
        }
        Instant opened = state.history().stream().filter(c -> c.to() == Phase.FALLBACK_OPEN)
                .map(PhaseChange::at).reduce((first, second) -> second).orElse(state.updatedAt());
        return Optional.of(opened.plusSeconds(windowSeconds));
    }

    /** The window is open and its time is up: the scheduled poll finalizes it. */
    public static boolean expired(CutoverState state, int windowSeconds, Instant now) {
        return closesAt(state, windowSeconds).filter(at -> !now.isBefore(at)).isPresent();
    }
}
