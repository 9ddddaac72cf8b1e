package io.cutover.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A point in time that waits and retries must not pass. */
final class Deadline {
    private final Clock clock;
    private final Instant end;

    private Deadline(Clock clock, Instant end) {
        this.clock = clock;
        this.end = end;
    }

    static Deadline after(Clock clock, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        return new Deadline(clock, clock.instant().plus(timeout));
    }

    Duration remaining() {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    boolean passed() {
        return !clock.instant().isBefore(end);
    }

    /**
     * Waits {@code wanted}, or less if the deadline comes first.
     *
     * @return false when the deadline leaves no time to wait the full {@code wanted}: the caller should stop
     */
    boolean waitFor(Duration wanted) {
        Duration left = remaining();
        if (left.compareTo(wanted) < 0) {
            return false;
        }
        try {
            Thread.sleep(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
        return true;
    }
}
