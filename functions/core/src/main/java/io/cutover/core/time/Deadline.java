package io.cutover.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A point in time that a step's statements, waits and retries must not pass. It throws nothing of its own: a
 * caller says what to throw when the deadline has passed or a wait is interrupted, so each adapter keeps its errors
 * (the database steps a {@code DatabaseStepException}, the AWS adapters theirs).
 */
public final class Deadline {
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final long endNanos;

    private Deadline(LongSupplier nanoTime, Duration timeout) {
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.endNanos = startNanos + timeout.toNanos();
    }

    /** {@code timeout} (&gt; 0) from now, on the JVM's monotonic clock: a wall-clock step cannot stretch or cut it. */
    public static Deadline in(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
        return new Deadline(System::nanoTime, timeout);
    }

    /** {@code timeout} (≥ 0; zero leaves time for a first attempt and no wait) from now, on {@code clock}. */
    public static Deadline after(Clock clock, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        return new Deadline(() -> nanosOf(clock.instant()), timeout);
    }

    private static long nanosOf(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private long remainingNanos() {
        return endNanos - nanoTime.getAsLong();
    }

    public long remainingMillis() {
        return Math.max(0, remainingNanos() / 1_000_000);
    }

    public boolean expired() {
        return remainingNanos() <= 0;
    }

    public long elapsedMillis() {
        return (nanoTime.getAsLong() - startNanos) / 1_000_000;
    }

    /** Throws what {@code whenExpired} makes (naming what could not be done in time) when the deadline has passed. */
    public void check(Supplier<? extends RuntimeException> whenExpired) {
        if (expired()) {
            throw whenExpired.get();
        }
    }

    /**
     * Waits up to {@code interval} but never past the deadline.
     *
     * @param whenInterrupted what to throw if the thread is interrupted (its interrupt flag is set again first)
     */
    public void pause(Duration interval, Function<InterruptedException, ? extends RuntimeException> whenInterrupted) {
        long millis = Math.min(interval.toMillis(), remainingMillis());
        if (millis > 0) {
            sleep(Duration.ofMillis(millis), whenInterrupted);
        }
    }

    /**
     * Waits {@code wanted}, or not at all when the deadline leaves less than that.
     *
     * @param whenInterrupted what to throw if the thread is interrupted (its interrupt flag is set again first)
     * @return false when the deadline leaves no time to wait the full {@code wanted}: the caller should stop
     */
    public boolean waitFor(Duration wanted,
                           Function<InterruptedException, ? extends RuntimeException> whenInterrupted) {
        if (Duration.ofNanos(Math.max(0, remainingNanos())).compareTo(wanted) < 0) {
            return false;
        }
        sleep(wanted, whenInterrupted);
        return true;
    }

    private static void sleep(Duration duration,
                              Function<InterruptedException, ? extends RuntimeException> whenInterrupted) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw whenInterrupted.apply(e);
        }
    }
}
