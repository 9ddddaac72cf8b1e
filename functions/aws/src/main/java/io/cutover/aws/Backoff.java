package io.cutover.aws;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": the n-th wait is uniformly drawn from [cap/2, cap] where
 * cap = min(max, initial * 2^(n-1)). Half the cap is kept so concurrent callers still spread out without any
 * of them retrying almost immediately.
 */
record Backoff(Duration initial, Duration max) {
    Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, was " + initial + " / " + max);
        }
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, was " + retry);
        }
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        int shift = Math.min(retry - 1, 62);
        long cap = initialNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, initialNanos << shift);
        long half = cap / 2;
        return Duration.ofNanos(half + (long) (random.nextDouble() * (cap - half)));
    }
}
