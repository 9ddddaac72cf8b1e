package io.cutover.core.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.phase.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RollbackPlannerTest {
    private final RollbackPlanner postgres = new RollbackPlanner(ConfigFixture.minimal().parse());
    private final RollbackPlanner mysql = new RollbackPlanner(ConfigFixture.minimal().auroraMysql().parse());

    @ParameterizedTest
    @EnumSource(value = Phase.class, mode = EnumSource.Mode.EXCLUDE, names = "COMPLETED")
    void plan_alwaysMovesWeightsToTheSource_andUnfencesOnlyAFencedSource(Phase phase) {
        RollbackPlan plan = postgres.plan(RollbackStrategy.DNS, phase);
        assertThat(plan.weightsToSource()).isTrue();
        assertThat(plan.unfenceSource()).isEqualTo(phase.isSourceFenced() || phase == Phase.ROLLING_BACK);
        assertThat(plan.recovery()).isEqualTo(Recovery.NONE);
    }

    @Test
    void plan_refusesACompletedCutover_forEveryStrategy() {
        for (RollbackStrategy strategy : RollbackStrategy.values()) {
            assertThatThrownBy(() -> mysql.plan(strategy, Phase.COMPLETED))
                    .isInstanceOf(RollbackRefusedException.class).hasMessageContaining("reverse migration");
        }
    }

    @Test
    void plan_refusesBacktrack_onAuroraPostgresql_sayingToUsePitr() {
        assertThatThrownBy(() -> postgres.plan(RollbackStrategy.BACKTRACK, Phase.SWITCHED))
                .isInstanceOf(RollbackRefusedException.class)
                .hasMessageContaining("Aurora Backtrack exists only for Aurora MySQL")
                .hasMessageContaining("\"strategy\":\"pitr\"");
        assertThatThrownBy(postgres::requireBacktrackable).isInstanceOf(RollbackRefusedException.class);
    }

    @Test
    void plan_backtracks_onAuroraMysql() {
        assertThat(mysql.plan(RollbackStrategy.BACKTRACK, Phase.SWITCHED))
                .isEqualTo(new RollbackPlan(RollbackStrategy.BACKTRACK, true, true, Recovery.BACKTRACK, null));
        assertThatCode(mysql::requireBacktrackable).doesNotThrowAnyException();
    }

    @Test
    void plan_restoresToANewCluster_withPitr_onceTheTargetTookWrites() {
        assertThat(postgres.plan(RollbackStrategy.PITR, Phase.SWITCHED)).isEqualTo(new RollbackPlan(
                RollbackStrategy.PITR, true, true, Recovery.POINT_IN_TIME_RESTORE, "app-aurora-restored"));
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"READY", "SHIFTING", "FENCED", "DRAINED"})
    void plan_recoversNothing_beforeTheWriterMoved(Phase phase) {
        assertThat(postgres.plan(RollbackStrategy.PITR, phase).recovery()).isEqualTo(Recovery.NONE);
        assertThat(mysql.plan(RollbackStrategy.BACKTRACK, phase).recovery()).isEqualTo(Recovery.NONE);
    }

    @Test
    void plan_stillRefusesBacktrackOnPostgresql_beforeTheWriterMoved() {
        assertThatThrownBy(() -> postgres.plan(RollbackStrategy.BACKTRACK, Phase.SHIFTING))
                .isInstanceOf(RollbackRefusedException.class).hasMessageContaining("pitr");
    }

    @Test
    void plan_usesTheConfiguredStrategy_whenTheRequestNamesNone() {
        RollbackPlanner pitr = new RollbackPlanner(ConfigFixture.minimal().set("rollback.strategy", "pitr").parse());
        assertThat(pitr.plan(null, Phase.SHIFTING).strategy()).isEqualTo(RollbackStrategy.PITR);
        assertThat(postgres.plan(null, Phase.SHIFTING).strategy()).isEqualTo(RollbackStrategy.DNS);
    }
}
