package io.cutover.core.phase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RollbackRequestTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final RollbackRequest REQUESTED = RollbackRequest.of("alarm orders-aurora-cpu-high", T0,
            "alarm orders-aurora-cpu-high in ALARM");
    private static final RollbackRequest FINISHED = REQUESTED.finishedAt(T0.plusSeconds(30));

    private static CutoverState at(Phase phase) {
        return new CutoverState("orders-db", phase, 100, "orders-db-1", T0.minusSeconds(5), List.of());
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"READY", "SHIFTING", "FENCED", "DRAINED", "SWITCHED"})
    void aForwardPhaseWrittenAfterTheRequest_readsAsRollingBack_fromThatPhase(Phase written) {
        CutoverState effective = REQUESTED.overlay(at(written));

        assertThat(effective.phase()).isEqualTo(Phase.ROLLING_BACK);
        assertThat(effective.history().getLast().from()).isEqualTo(written);
        assertThat(effective.history().getLast().reason()).startsWith("alarm orders-aurora-cpu-high: ");
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"READY", "SWITCHED", "ROLLING_BACK"})
    void afterTheRollbackFinished_everyStateReadsAsRolledBack(Phase written) {
        assertThat(FINISHED.overlay(at(written)).phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void theRollbacksOwnStates_readAsTheyAre() {
        CutoverState rollingBack = at(Phase.ROLLING_BACK);
        CutoverState rolledBack = at(Phase.ROLLED_BACK);

        assertThat(REQUESTED.overlay(rollingBack)).isSameAs(rollingBack);
        assertThat(FINISHED.overlay(rolledBack)).isSameAs(rolledBack);
    }

    @Test
    void onlyAReArmAfterTheRollbackFinished_mayReplaceIt() {
        CutoverState rolledBack = at(Phase.ROLLED_BACK);
        CutoverState rearmed = PhaseMachine.armed(rolledBack, "orders-db-2", T0.plusSeconds(60), "ready");
        CutoverState racedStep = PhaseMachine.transition(at(Phase.DRAINED), Phase.SWITCHED, 100, "orders-db-1",
                T0.plusSeconds(60), "writer on target").orThrow();

        assertThat(FINISHED.rearmedBy(rearmed)).isTrue();
        assertThat(FINISHED.rearmedBy(racedStep)).isFalse();
        assertThat(REQUESTED.rearmedBy(rearmed)).as("a rollback still running is never re-armed").isFalse();
        assertThat(FINISHED.rearmedBy(PhaseMachine.armed(rolledBack, "orders-db-2", T0.plusSeconds(10), "ready")))
                .as("a re-arm from before the rollback finished").isFalse();
    }

    @Test
    void finishing_isMonotonic() {
        assertThat(FINISHED.finishedAt(T0.plusSeconds(90))).isSameAs(FINISHED);
        assertThat(REQUESTED.finished()).isFalse();
        assertThat(FINISHED.finished()).isTrue();
    }
}
