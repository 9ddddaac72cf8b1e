package io.cutover.core.phase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FallbackWindowTest {
    private static final Instant OPENED = Instant.parse("2026-11-21T10:00:00Z");

    private static CutoverState open() {
        return new CutoverState("orders-db", Phase.FALLBACK_OPEN, 100, "orders-db-1", OPENED.plusSeconds(5), List.of(
                new PhaseChange(Phase.DRAINED, Phase.SWITCHED, 100, OPENED.minusSeconds(600), "writer on target"),
                new PhaseChange(Phase.SWITCHED, Phase.FALLBACK_OPEN, 100, OPENED, "watch passed")));
    }

    @Test
    void closesAt_isTheOpeningPlusTheWindow_andExpiresExactlyThen() {
        assertThat(FallbackWindow.closesAt(open(), 3600)).contains(OPENED.plusSeconds(3600));
        assertThat(FallbackWindow.expired(open(), 3600, OPENED.plusSeconds(3599))).isFalse();
        assertThat(FallbackWindow.expired(open(), 3600, OPENED.plusSeconds(3600))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, mode = EnumSource.Mode.EXCLUDE, names = "FALLBACK_OPEN")
    void noWindow_inAnyOtherPhase_soNothingExpires(Phase phase) {
        CutoverState state = new CutoverState("orders-db", phase, 100, null, OPENED, open().history());
        assertThat(FallbackWindow.closesAt(state, 0)).isEmpty();
        assertThat(FallbackWindow.expired(state, 0, OPENED.plusSeconds(86_400))).isFalse();
    }
}
