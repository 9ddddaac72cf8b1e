package io.cutover.core.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.phase.Phase;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlarmGroundsTest {
    private static final String CDC = "orders-dms-cdc-latency-high";
    private static final String CPU = "orders-aurora-cpu-high";
    private static final CutoverConfig CONFIG = ConfigFixture.example().parse();

    @ParameterizedTest
    @EnumSource(Phase.class)
    void aReplicationAlarm_isARollbackGround_untilTheWriterHasMoved(Phase phase) {
        boolean writerMoved = EnumSet.of(Phase.SWITCHED, Phase.FALLBACK_OPEN).contains(phase);

        assertThat(AlarmGrounds.isRollbackGround(CONFIG, CDC, phase)).isEqualTo(!writerMoved);
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void anyOtherWatchedAlarm_isARollbackGround_inEveryPhase(Phase phase) {
        assertThat(CONFIG.replicationAlarms()).doesNotContain(CPU);

        assertThat(AlarmGrounds.isRollbackGround(CONFIG, CPU, phase)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"SWITCHED", "FALLBACK_OPEN"})
    void withoutReplicationAlarms_everyWatchedAlarmStaysAGround_afterTheSwitch(Phase phase) {
        CutoverConfig none = ConfigFixture.example().set("replicationAlarms", List.of()).parse();

        assertThat(AlarmGrounds.isRollbackGround(none, CDC, phase)).isTrue();
        assertThat(AlarmGrounds.whyNot(CDC, phase)).contains(CDC, "replicationAlarms", phase.name());
    }
}
