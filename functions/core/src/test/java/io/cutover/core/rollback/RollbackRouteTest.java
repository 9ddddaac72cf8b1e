package io.cutover.core.rollback;

import static io.cutover.core.fixtures.ConfigFixture.READER;
import static io.cutover.core.fixtures.ConfigFixture.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.port.cloud.Weights;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollbackRouteTest {
    private final CutoverConfig config = ConfigFixture.minimal().nativeReplication("cutover_sub").parse();

    @Test
    void choose_isTrafficOnly_whileEveryWriterRecordIsOnTheSource_evenWithReadersMovedAndReverseStarted() {
        Map<String, Weights> current = Map.of(WRITER, Weights.allSource(), READER, Weights.allTarget());
        assertThat(RollbackRoute.choose(config, current, true, false)).isEqualTo(RollbackRoute.TRAFFIC_ONLY);
        assertThat(RollbackRoute.choose(config, current, false, false)).isEqualTo(RollbackRoute.TRAFFIC_ONLY);
    }

    @Test
    void choose_isTheReverseSwitch_onceTheWriterPointsAtTheTarget_andReverseReplicationRuns() {
        Map<String, Weights> current = Map.of(WRITER, Weights.allTarget(), READER, Weights.allTarget());
        assertThat(RollbackRoute.choose(config, current, true, false)).isEqualTo(RollbackRoute.REVERSE_SWITCH);
    }

    @Test
    void choose_saysTheTargetWritesAreLeft_whenTheWriterMovedWithoutReverseReplication() {
        Map<String, Weights> current = Map.of(WRITER, Weights.allTarget(), READER, Weights.allSource());
        RollbackRoute route = RollbackRoute.choose(config, current, false, false);
        assertThat(route).isEqualTo(RollbackRoute.TRAFFIC_ONLY_TARGET_WRITES_LEFT);
        assertThat(route.describe()).contains("NOT on the source");
    }

    @Test
    void choose_treatsAPartlyMovedOrUnreadWriterAsMoved_becauseAssumingOtherwiseCouldLoseWrites() {
        assertThat(RollbackRoute.choose(config, Map.of(WRITER, new Weights(1, 1)), true, false))
                .isEqualTo(RollbackRoute.REVERSE_SWITCH);
        assertThat(RollbackRoute.choose(config, Map.of(READER, Weights.allSource()), true, false))
                .isEqualTo(RollbackRoute.REVERSE_SWITCH);
    }

    @Test
    void choose_repeatsTheReverseSwitch_whenAnEarlierRollbackFencedTheTarget_thoughTheRecordsAreBackOnTheSource() {
        Map<String, Weights> current = Map.of(WRITER, Weights.allSource(), READER, Weights.allSource());
        assertThat(RollbackRoute.choose(config, current, true, true)).isEqualTo(RollbackRoute.REVERSE_SWITCH);
        // once the window is finalized there is no reverse replication to repeat: traffic only
        assertThat(RollbackRoute.choose(config, current, false, true)).isEqualTo(RollbackRoute.TRAFFIC_ONLY);
    }
}
