package io.cutover.aws;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

    @Test
    void delay_doublesPerRetry_andStaysBetweenHalfTheCapAndTheCap() {
        RandomGenerator lowest = fixed(0.0);
        RandomGenerator highest = fixed(0.999999);

        assertThat(BACKOFF.delay(1, lowest)).isEqualTo(Duration.ofMillis(250));
        assertThat(BACKOFF.delay(1, highest)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(BACKOFF.delay(2, lowest)).isEqualTo(Duration.ofMillis(500));
        assertThat(BACKOFF.delay(3, lowest)).isEqualTo(Duration.ofMillis(1000));
        assertThat(BACKOFF.delay(4, highest)).isBetween(Duration.ofMillis(3999), Duration.ofMillis(4000));
    }

    @Test
    void delay_isCappedAtTheMaximum_evenForVeryLateRetries() {
        assertThat(BACKOFF.delay(5, fixed(0.999999))).isLessThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(BACKOFF.delay(80, fixed(0.0))).isEqualTo(Duration.ofSeconds(4));
        assertThat(BACKOFF.delay(Integer.MAX_VALUE, fixed(0.999999))).isLessThanOrEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void backoff_rejectsAMaximumBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("initial <= max");
        assertThatThrownBy(() -> BACKOFF.delay(0, fixed(0.5))).hasMessageContaining("from 1");
    }

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }
}
