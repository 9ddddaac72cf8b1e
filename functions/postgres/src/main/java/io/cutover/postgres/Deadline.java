package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;

import java.time.Duration;

/** A point in (monotonic) time after which a step gives up. */
public final class Deadline {
    private final long startNanos;
    private final long endNanos;

    private Deadline(long startNanos, long endNanos) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
    }

    public static Deadline in(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
        long now = System.nanoTime();
        return new Deadline(now, now + timeout.toNanos());
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000);
    }

    public boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Throws when the deadline has passed, naming what could not be done in time. */
    public void check(String step, String doing) {
        if (expired()) {
            throw new DatabaseStepException(step, "deadline passed before " + doing);
        }
    }

    /** Waits up to {@code interval} but never past the deadline. */
    public void pause(Duration interval) {
        long millis = Math.min(interval.toMillis(), remainingMillis());
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseStepException("wait", "interrupted");
        }
    }
}
