package io.cutover.postgres.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling with a deadline, for things that happen asynchronously (replication, session ends). */
public final class Await {
    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        value(timeout, what, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Polls {@code supplier} until {@code accept} holds; returns the accepted value. */
    public static <T> T value(Duration timeout, String what, Supplier<T> supplier, Predicate<T> accept) {
        long end = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (true) {
            last = supplier.get();
            if (accept.test(last)) {
                return last;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
