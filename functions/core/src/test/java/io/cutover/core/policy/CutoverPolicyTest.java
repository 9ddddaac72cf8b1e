package io.cutover.core.policy;

import static io.cutover.core.fixtures.ConfigFixture.READER;
import static io.cutover.core.fixtures.ConfigFixture.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.readiness.CheckLine;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.request.CutoverRequest;
import io.cutover.core.rollback.Recovery;
import io.cutover.core.rollback.RollbackPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CutoverPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Map<String, Weights> ALL_SOURCE = Map.of(WRITER, Weights.allSource(), READER, Weights.allSource());

    private final CutoverConfig config = ConfigFixture.minimal().parse();
    private final CutoverPolicy policy = new CutoverPolicy(config);

    private static CutoverState state(Phase phase, int percent) {
        return new CutoverState("app-db", phase, percent, "app-db-1", NOW, List.of());
    }

    private static Map<String, Weights> readersAt(int percent) {
        return Map.of(WRITER, Weights.allSource(), READER, Weights.forTargetPercent(percent));
    }

    private static ReadinessVerdict ready(Gate gate) {
        return new ReadinessVerdict(ReadinessVerdict.Status.READY, gate, NOW,
                List.of(new CheckLine("task TASKONE status", "running", "running", true)), List.of());
    }

    private static ReadinessVerdict notReady(Gate gate) {
        return new ReadinessVerdict(ReadinessVerdict.Status.NOT_READY, gate, NOW,
                List.of(new CheckLine("task TASKONE CDC latency", "last 3: 40 s, 41 s, 42 s",
                        "<= 5 s for 3 consecutive samples", false)), List.of());
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void finalizeWindow_proceedsOnlyWhileTheWindowIsOpen_isANoOpWhenCompleted_andRefusedOtherwise(Phase phase) {
        Decision decision = CutoverPolicy.finalizeWindow(state(phase, 100));
        switch (phase) {
            case FALLBACK_OPEN -> assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class,
                    p -> assertThat(p.nextPhase()).isEqualTo(Phase.COMPLETED));
            case COMPLETED -> assertThat(decision).isInstanceOf(Decision.NoOp.class);
            default -> assertThat(decision).isInstanceOf(Decision.Refused.class)
                    .extracting(Decision::reason).asString().contains("no fall-back window is open");
        }
    }

    @Test
    void gradualAndManualCutover_whileTheWindowIsOpen_neverMoveAnything() {
        CutoverState open = state(Phase.FALLBACK_OPEN, 100);
        assertThat(policy.manualCutover(open, ready(Gate.WRITER), ALL_SOURCE)).isInstanceOf(Decision.NoOp.class);
        assertThat(policy.gradualCutover(50, open, ready(Gate.READER), readersAt(100)))
                .isInstanceOf(Decision.Refused.class);
    }

    @Test
    void gateFor_namesTheGateEachRequestNeeds() {
        assertThat(CutoverPolicy.gateFor(new CutoverRequest.GradualCutover(20, false))).isEqualTo(Gate.READER);
        assertThat(CutoverPolicy.gateFor(new CutoverRequest.ManualCutover(false))).isEqualTo(Gate.WRITER);
        assertThat(CutoverPolicy.gateFor(new CutoverRequest.Rollback(null, false))).isNull();
        assertThat(CutoverPolicy.gateFor(new CutoverRequest.Status())).isNull();
        assertThat(CutoverPolicy.gateFor(new CutoverRequest.Backtrack(NOW, false))).isNull();
    }

    @Nested
    class ManualCutover {
        @Test
        void manualCutover_whileNotReady_isRefused_withTheVerdict() {
            // GIVEN a writer gate that is not ready
            ReadinessVerdict verdict = notReady(Gate.WRITER);

            // WHEN a manual cutover is asked for
            Decision decision = policy.manualCutover(state(Phase.READY, 0), verdict, ALL_SOURCE);

            // THEN it is refused, carrying the verdict and its failing line
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> {
                assertThat(refused.verdict()).isSameAs(verdict);
                assertThat(refused.reason()).startsWith("not ready for the writer switch: NOT_READY (WRITER gate)")
                        .contains("task TASKONE CDC latency");
            });
        }

        @Test
        void manualCutover_withoutAVerdict_isRefused() {
            assertThat(policy.manualCutover(state(Phase.READY, 0), null, ALL_SOURCE))
                    .isEqualTo(new Decision.Refused("not ready for the writer switch: no readiness verdict", null));
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"IDLE", "READY", "SHIFTING", "ROLLED_BACK"})
        void manualCutover_whenReady_startsTheFencedSwitch_movingEveryGroupToTheTarget(Phase phase) {
            // GIVEN readiness for the writer
            Decision decision = policy.manualCutover(state(phase, 0), ready(Gate.WRITER), readersAt(50));

            // THEN the switch starts in FENCED and its plan ends with every group on the target
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class, proceed -> {
                assertThat(proceed.nextPhase()).isEqualTo(Phase.FENCED);
                assertThat(proceed.readerPercent()).isEqualTo(100);
                assertThat(proceed.rollback()).isNull();
                assertThat(proceed.plan().changes()).allSatisfy(c -> assertThat(c.after()).isEqualTo(Weights.allTarget()));
                assertThat(proceed.plan().changes()).extracting(c -> c.group().name())
                        .containsExactlyInAnyOrder(WRITER, READER);
            });
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"FENCED", "DRAINED", "SWITCHED"})
        void manualCutover_isANoOp_whileTheSwitchIsUnderWay(Phase phase) {
            Decision decision = policy.manualCutover(state(phase, 100), notReady(Gate.WRITER), ALL_SOURCE);
            assertThat(decision).isInstanceOfSatisfying(Decision.NoOp.class, noOp ->
                    assertThat(noOp.reason()).contains("already under way").contains(phase.name()).contains("app-db-1"));
        }

        @Test
        void manualCutover_isANoOp_whenCompleted() {
            assertThat(policy.manualCutover(state(Phase.COMPLETED, 100), null, ALL_SOURCE))
                    .isEqualTo(new Decision.NoOp("the cutover is already completed"));
        }

        @Test
        void manualCutover_isRefused_duringARollback() {
            assertThat(policy.manualCutover(state(Phase.ROLLING_BACK, 0), ready(Gate.WRITER), ALL_SOURCE))
                    .isEqualTo(new Decision.Refused("a rollback is in progress", null));
        }
    }

    @Nested
    class GradualCutover {
        @Test
        void gradualCutover_whenReady_shiftsReaders() {
            Decision decision = policy.gradualCutover(20, state(Phase.READY, 0), ready(Gate.READER), ALL_SOURCE);
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class, proceed -> {
                assertThat(proceed.nextPhase()).isEqualTo(Phase.SHIFTING);
                assertThat(proceed.readerPercent()).isEqualTo(20);
                assertThat(proceed.plan().effective()).singleElement()
                        .satisfies(c -> assertThat(c.after()).isEqualTo(new Weights(80, 20)));
                assertThat(proceed.reason()).isEqualTo("shift readers to 20% target");
            });
        }

        @Test
        void gradualCutover_whileNotReady_isRefused_withTheVerdict() {
            ReadinessVerdict verdict = notReady(Gate.READER);
            Decision decision = policy.gradualCutover(50, state(Phase.SHIFTING, 20), verdict, readersAt(20));
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> {
                assertThat(refused.verdict()).isSameAs(verdict);
                assertThat(refused.reason()).startsWith("not ready to shift readers: NOT_READY");
            });
            assertThat(policy.gradualCutover(50, state(Phase.SHIFTING, 20), null, readersAt(20)))
                    .isEqualTo(new Decision.Refused("not ready to shift readers: no readiness verdict", null));
        }

        @Test
        void gradualCutover_isANoOp_whenReadersAreAlreadyThere_evenWithoutReadiness() {
            Decision decision = policy.gradualCutover(50, state(Phase.SHIFTING, 50), notReady(Gate.READER), readersAt(50));
            assertThat(decision).isEqualTo(new Decision.NoOp("reader weights are already at 50% target"));
        }

        @Test
        void gradualCutover_backwards_isRefused_pointingAtRollback() {
            // GIVEN readers at 50% and a ready verdict
            Decision decision = policy.gradualCutover(20, state(Phase.SHIFTING, 50), ready(Gate.READER), readersAt(50));

            // THEN moving back is refused: that is a rollback
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> {
                assertThat(refused.reason()).contains("shifting back to 20% needs {\"action\":\"rollback\"}");
                assertThat(refused.verdict()).isNull();
            });
        }

        @Test
        void gradualCutover_onAWriterOnlyConfig_isRefused_withTheExplanation() {
            CutoverPolicy writerOnly = new CutoverPolicy(ConfigFixture.minimal().writerOnly().parse());
            Decision decision = writerOnly.gradualCutover(20, state(Phase.READY, 0), ready(Gate.READER),
                    Map.of(WRITER, Weights.allSource()));
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> assertThat(refused.reason())
                    .contains("only writer record groups").contains("manual_cutover"));
        }

        @Test
        void gradualCutover_onAWriterOnlyConfig_movesTheWriter_whenItOptsIn() {
            CutoverPolicy optIn = new CutoverPolicy(ConfigFixture.minimal().writerOnly()
                    .set("recordGroups[0].allowWeightedWrites", true).parse());
            Decision decision = optIn.gradualCutover(20, state(Phase.READY, 0), ready(Gate.READER),
                    Map.of(WRITER, Weights.allSource()));
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class,
                    proceed -> assertThat(proceed.plan().notes()).isNotEmpty());
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"FENCED", "DRAINED", "SWITCHED", "ROLLING_BACK"})
        void gradualCutover_isRefused_whileTheSwitchOrARollbackRuns(Phase phase) {
            Decision decision = policy.gradualCutover(80, state(phase, 50), ready(Gate.READER), readersAt(50));
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused ->
                    assertThat(refused.reason()).contains("in progress (phase " + phase + ")"));
        }

        @Test
        void gradualCutover_afterCompletion_isANoOpAt100_andRefusedBelow() {
            Map<String, Weights> allTarget = Map.of(WRITER, Weights.allTarget(), READER, Weights.allTarget());
            assertThat(policy.gradualCutover(100, state(Phase.COMPLETED, 100), null, allTarget))
                    .isInstanceOf(Decision.NoOp.class);
            assertThat(policy.gradualCutover(80, state(Phase.COMPLETED, 100), ready(Gate.READER), allTarget))
                    .isInstanceOfSatisfying(Decision.Refused.class,
                            refused -> assertThat(refused.reason()).contains("readers cannot move back"));
        }
    }

    @Nested
    class Rollback {
        private final CutoverRequest.Rollback configured = new CutoverRequest.Rollback(null, false);

        @Test
        void rollback_afterCompletion_isRefused() {
            Decision decision = policy.rollback(configured, state(Phase.COMPLETED, 100),
                    Map.of(WRITER, Weights.allTarget(), READER, Weights.allTarget()));
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused ->
                    assertThat(refused.reason()).contains("the cutover is completed").contains("reverse migration"));
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"IDLE", "ROLLED_BACK"})
        void rollback_withNothingActive_andWeightsOnTheSource_isANoOp(Phase phase) {
            assertThat(policy.rollback(configured, state(phase, 0), ALL_SOURCE)).isInstanceOf(Decision.NoOp.class);
        }

        @Test
        void rollback_whileShifting_movesReadersBack_withoutUnfencing() {
            // GIVEN readers at 50%
            Decision decision = policy.rollback(configured, state(Phase.SHIFTING, 50), readersAt(50));

            // THEN every group goes back to the source and the (never fenced) source is left alone
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class, proceed -> {
                assertThat(proceed.nextPhase()).isEqualTo(Phase.ROLLED_BACK);
                assertThat(proceed.readerPercent()).isZero();
                assertThat(proceed.plan().changes()).allSatisfy(c -> assertThat(c.after().target()).isZero());
                assertThat(proceed.rollback()).isEqualTo(
                        new RollbackPlan(RollbackStrategy.DNS, true, false, Recovery.NONE, null));
            });
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"FENCED", "DRAINED", "SWITCHED", "ROLLING_BACK"})
        void rollback_afterTheFence_unfencesTheSource(Phase phase) {
            Decision decision = policy.rollback(configured, state(phase, 100),
                    Map.of(WRITER, Weights.allTarget(), READER, Weights.allTarget()));
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class,
                    proceed -> assertThat(proceed.rollback().unfenceSource()).isTrue());
        }

        @Test
        void rollback_fromReady_withWeightsOnTheSource_stillProceeds() {
            // a READY cutover is active: the rollback records that it was abandoned
            assertThat(policy.rollback(configured, state(Phase.READY, 0), ALL_SOURCE)).isInstanceOf(Decision.Proceed.class);
        }

        @Test
        void rollback_withBacktrack_onAuroraPostgresql_isRefused_namingPitr() {
            Decision decision = policy.rollback(new CutoverRequest.Rollback(RollbackStrategy.BACKTRACK, false),
                    state(Phase.SWITCHED, 100), readersAt(100));
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> assertThat(refused.reason())
                    .contains("Backtrack exists only for Aurora MySQL")
                    .contains("{\"action\":\"rollback\",\"strategy\":\"pitr\"}"));
        }

        @Test
        void rollback_withPitr_restoresToTheConfiguredCluster() {
            Decision decision = policy.rollback(new CutoverRequest.Rollback(RollbackStrategy.PITR, false),
                    state(Phase.SWITCHED, 100), readersAt(100));
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class, proceed -> {
                assertThat(proceed.rollback()).isEqualTo(new RollbackPlan(RollbackStrategy.PITR, true, true,
                        Recovery.POINT_IN_TIME_RESTORE, "app-aurora-restored"));
                assertThat(proceed.reason()).isEqualTo("roll back with strategy pitr");
            });
        }

        @Test
        void rollback_usesTheConfiguredStrategy_unlessTheRequestNamesOne() {
            CutoverPolicy pitrByDefault = new CutoverPolicy(ConfigFixture.minimal().set("rollback.strategy", "pitr")
                    .set("rollback.restoredClusterIdentifier", "app-restored").parse());
            assertThat(((Decision.Proceed) pitrByDefault.rollback(configured, state(Phase.SWITCHED, 100),
                    readersAt(100))).rollback().recovery()).isEqualTo(Recovery.POINT_IN_TIME_RESTORE);
            assertThat(((Decision.Proceed) pitrByDefault.rollback(new CutoverRequest.Rollback(RollbackStrategy.DNS, false),
                    state(Phase.SWITCHED, 100), readersAt(100))).rollback().recovery()).isEqualTo(Recovery.NONE);
        }

        @Test
        void rollback_withBacktrack_onAuroraMysql_plansABacktrack() {
            CutoverPolicy mysql = new CutoverPolicy(ConfigFixture.minimal().auroraMysql().parse());
            Decision decision = mysql.rollback(new CutoverRequest.Rollback(RollbackStrategy.BACKTRACK, false),
                    state(Phase.SWITCHED, 100), readersAt(100));
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class,
                    proceed -> assertThat(proceed.rollback().recovery()).isEqualTo(Recovery.BACKTRACK));
        }
    }

    @Nested
    class Backtrack {
        private final CutoverPolicy mysql = new CutoverPolicy(ConfigFixture.minimal().auroraMysql().parse());

        private static CutoverRequest.Backtrack to(Instant when) {
            return new CutoverRequest.Backtrack(when, false);
        }

        @Test
        void backtrack_onAuroraPostgresql_isRefused_namingPitr() {
            Decision decision = policy.backtrack(to(NOW.minusSeconds(600)), state(Phase.IDLE, 0), NOW);
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> assertThat(refused.reason())
                    .contains("Aurora PostgreSQL").contains("\"pitr\""));
        }

        @Test
        void backtrack_toTheFuture_isRefused() {
            Decision decision = mysql.backtrack(to(NOW.plusSeconds(1)), state(Phase.IDLE, 0), NOW);
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class,
                    refused -> assertThat(refused.reason()).contains("is in the future"));
        }

        @Test
        void backtrack_beyond72Hours_isRefused_butExactly72HoursIsAllowed() {
            Instant limit = NOW.minus(Duration.ofHours(72));
            assertThat(mysql.backtrack(to(limit.minusSeconds(1)), state(Phase.IDLE, 0), NOW))
                    .isInstanceOfSatisfying(Decision.Refused.class,
                            refused -> assertThat(refused.reason()).contains("more than 72 hours ago"));
            assertThat(mysql.backtrack(to(limit), state(Phase.IDLE, 0), NOW)).isInstanceOf(Decision.Proceed.class);
            assertThat(mysql.backtrack(to(NOW), state(Phase.IDLE, 0), NOW)).isInstanceOf(Decision.Proceed.class);
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"FENCED", "DRAINED", "SWITCHED", "COMPLETED", "ROLLING_BACK"})
        void backtrack_isRefused_whileTheTargetTakesWrites(Phase phase) {
            Decision decision = mysql.backtrack(to(NOW.minusSeconds(600)), state(phase, 100), NOW);
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class,
                    refused -> assertThat(refused.reason()).contains("phase " + phase));
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = {"IDLE", "READY", "SHIFTING", "ROLLED_BACK"})
        void backtrack_keepsThePhase_andMovesNoWeights(Phase phase) {
            Decision decision = mysql.backtrack(to(NOW.minusSeconds(600)), state(phase, 20), NOW);
            assertThat(decision).isInstanceOfSatisfying(Decision.Proceed.class, proceed -> {
                assertThat(proceed.nextPhase()).isEqualTo(phase);
                assertThat(proceed.readerPercent()).isEqualTo(20);
                assertThat(proceed.plan().isNoOp()).isTrue();
                assertThat(proceed.reason()).contains(NOW.minusSeconds(600).toString());
            });
        }
    }
}
