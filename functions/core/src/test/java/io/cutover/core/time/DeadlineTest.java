package io.cutover.core.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineTest {
    private static final Function<InterruptedException, RuntimeException> INTERRUPTED =
            e -> new IllegalStateException("interrupted", e);

    @Test
    void deadline_refusesAWaitLongerThanTheTimeLeft() {
        Deadline deadline = Deadline.after(Clock.systemUTC(), Duration.ofMillis(50));

        assertThat(deadline.waitFor(Duration.ofSeconds(5), INTERRUPTED)).isFalse();
        assertThat(deadline.waitFor(Duration.ofMillis(1), INTERRUPTED)).isTrue();
    }

    @Test
    void after_measuresOnTheGivenClock_andAllowsAZeroTimeout() {
        // GIVEN a clock that stands still
        Clock frozen = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

        // WHEN deadlines are set on it THEN only the timeout decides
        assertThat(Deadline.after(frozen, Duration.ofSeconds(3)).remainingMillis()).isEqualTo(3000);
        assertThat(Deadline.after(frozen, Duration.ofSeconds(3)).expired()).isFalse();
        Deadline now = Deadline.after(frozen, Duration.ZERO);
        assertThat(now.expired()).isTrue();
        assertThat(now.waitFor(Duration.ZERO, INTERRUPTED)).isTrue();
        assertThat(now.waitFor(Duration.ofMillis(1), INTERRUPTED)).isFalse();
        assertThatThrownBy(() -> Deadline.after(frozen, Duration.ofSeconds(-1)))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void in_refusesATimeoutThatLeavesNoTime() {
        assertThatThrownBy(() -> Deadline.in(Duration.ZERO)).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> Deadline.in(Duration.ofMillis(-5))).hasMessageContaining("must be > 0");
    }

    @Test
    void check_throwsWhatTheCallerNames_onceTheDeadlinePassed() {
        // GIVEN a deadline one millisecond away, and one far away
        Deadline soon = Deadline.in(Duration.ofMillis(1));
        Deadline later = Deadline.in(Duration.ofMinutes(5));

        // WHEN the near one has passed
        while (!soon.expired()) {
            Thread.onSpinWait();
        }

        // THEN checking it throws the caller's error, and the far one does not
        assertThat(soon.remainingMillis()).isZero();
        assertThatThrownBy(() -> soon.check(() -> new UnsupportedOperationException("too late for the drain")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessage("too late for the drain");
        later.check(() -> new IllegalStateException("not expired yet"));
    }

    @Test
    void pause_neverWaitsPastTheDeadline() {
        // GIVEN 100 ms left
        Deadline deadline = Deadline.in(Duration.ofMillis(100));

        // WHEN asked to pause for a minute
        long started = System.nanoTime();
        deadline.pause(Duration.ofMinutes(1), INTERRUPTED);

        // THEN it returns at the deadline
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(deadline.elapsedMillis()).isGreaterThanOrEqualTo(90);
        assertThat(deadline.remainingMillis()).isLessThanOrEqualTo(1);
    }

    @Test
    void interruptedWaits_throwWhatTheCallerNames_andKeepTheInterrupt() {
        Deadline deadline = Deadline.in(Duration.ofMinutes(1));
        try {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> deadline.pause(Duration.ofSeconds(10), INTERRUPTED))
                    .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();

            assertThatThrownBy(() -> deadline.waitFor(Duration.ofSeconds(10), e -> new ArithmeticException("stop")))
                    .isInstanceOf(ArithmeticException.class).hasMessage("stop");
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
