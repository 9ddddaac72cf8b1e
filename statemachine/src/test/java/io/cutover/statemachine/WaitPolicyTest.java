package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaitPolicyTest {
    @Test
    void speedUp_dividesTheRequestedPause() {
        assertThat(WaitPolicy.speedUp(60).pauseFor("BakeReaders", 300)).isEqualTo(Duration.ofSeconds(5));
        assertThat(WaitPolicy.speedUp(8).pauseFor("WaitForReaderReadiness", 1)).isEqualTo(Duration.ofMillis(125));
    }

    @Test
    void asRequested_pausesTheFullTime_andNonePausesNot() {
        assertThat(WaitPolicy.asRequested().pauseFor("BakeReaders", 300)).isEqualTo(Duration.ofMinutes(5));
        assertThat(WaitPolicy.none().pauseFor("BakeReaders", 300)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, -2, Double.NaN, Double.POSITIVE_INFINITY})
    void speedUp_refusesAFactorThatWouldSlowDownOrBreak(double factor) {
        assertThatThrownBy(() -> WaitPolicy.speedUp(factor)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(factor));
    }
}
