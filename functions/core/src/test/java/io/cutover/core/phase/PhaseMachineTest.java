package io.cutover.core.phase;

import static io.cutover.core.phase.Phase.COMPLETED;
import static io.cutover.core.phase.Phase.DRAINED;
import static io.cutover.core.phase.Phase.FALLBACK_OPEN;
import static io.cutover.core.phase.Phase.FENCED;
import static io.cutover.core.phase.Phase.IDLE;
import static io.cutover.core.phase.Phase.READY;
import static io.cutover.core.phase.Phase.ROLLED_BACK;
import static io.cutover.core.phase.Phase.ROLLING_BACK;
import static io.cutover.core.phase.Phase.SHIFTING;
import static io.cutover.core.phase.Phase.SWITCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PhaseMachineTest {
    private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    /**
     * The legality table, written out on its own rather than read from the machine. READY → FENCED is
     * legal because a manual cutover (and every writer-only config) switches without reader steps.
     */
    private static final Map<Phase, Set<Phase>> EXPECTED = new EnumMap<>(Map.of(
            IDLE, EnumSet.of(READY),
            READY, EnumSet.of(IDLE, SHIFTING, FENCED, ROLLING_BACK),
            SHIFTING, EnumSet.of(SHIFTING, FENCED, ROLLING_BACK),
            FENCED, EnumSet.of(DRAINED, ROLLING_BACK),
            DRAINED, EnumSet.of(SWITCHED, ROLLING_BACK),
            SWITCHED, EnumSet.of(FALLBACK_OPEN, COMPLETED, ROLLING_BACK),
            FALLBACK_OPEN, EnumSet.of(COMPLETED, ROLLING_BACK),
            COMPLETED, EnumSet.noneOf(Phase.class),
            ROLLING_BACK, EnumSet.of(ROLLED_BACK),
            ROLLED_BACK, EnumSet.of(IDLE)));

    private static CutoverState stateIn(Phase phase, int percent) {
        return new CutoverState("orders-db", phase, percent, "orders-db-1", T0, List.of());
    }

    private static int percentIn(Phase phase) {
        return switch (phase) {
            case IDLE, READY, ROLLED_BACK -> 0;
            case SHIFTING -> 20;
            default -> 100;
        };
    }

    static Stream<Arguments> everyPairOfPhases() {
        List<Arguments> pairs = new ArrayList<>();
        for (Phase from : Phase.values()) {
            for (Phase to : Phase.values()) {
                pairs.add(Arguments.of(from, to, EXPECTED.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    @Test
    void expectedTable_coversEveryPhase() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrder(Phase.values());
        assertThat(everyPairOfPhases()).hasSize(100);
    }

    @ParameterizedTest(name = "{0} -> {1}: legal={2}")
    @MethodSource("everyPairOfPhases")
    void isLegal_matchesTheLegalityTable_forEveryPairOfPhases(Phase from, Phase to, boolean legal) {
        assertThat(PhaseMachine.isLegal(from, to)).isEqualTo(legal);
    }

    @ParameterizedTest(name = "{0} -> {1}: legal={2}")
    @MethodSource("everyPairOfPhases")
    void transition_movesOnlyAlongLegalPairs_andTreatsTheSamePhaseAsANoOp(Phase from, Phase to, boolean legal) {
        // GIVEN a cutover in `from`
        CutoverState state = stateIn(from, percentIn(from));
        int percent = from == to ? state.readerPercent() : to == SHIFTING ? 50 : percentIn(to);

        // WHEN asked to move to `to`
        Transition result = PhaseMachine.transition(state, to, percent, null, T0.plusSeconds(5), "test");

        // THEN it moves exactly when the table says so; asking for the phase it is in changes nothing
        if (from == to) {
            assertThat(result).isEqualTo(new Transition.Allowed(state));
        } else if (legal) {
            assertThat(result).isInstanceOfSatisfying(Transition.Allowed.class, allowed -> {
                assertThat(allowed.state().phase()).isEqualTo(to);
                assertThat(allowed.state().readerPercent()).isEqualTo(percent);
                assertThat(allowed.state().history()).containsExactly(
                        new PhaseChange(from, to, percent, T0.plusSeconds(5), "test"));
            });
        } else {
            assertThat(result).isInstanceOfSatisfying(Transition.Refused.class,
                    refused -> assertThat(refused.reason()).startsWith("cannot go from " + from + " to " + to + ": "));
        }
    }

    @Test
    void transition_walksTheWholeHappyPath_recordingEveryChange() {
        // GIVEN an idle cutover
        CutoverState state = CutoverState.idle("orders-db", T0);
        assertThat(state).isEqualTo(new CutoverState("orders-db", IDLE, 0, null, T0, List.of()));

        // WHEN it goes through every phase of a cutover
        record Step(Phase to, int percent) {
        }
        List<Step> steps = List.of(new Step(READY, 0), new Step(SHIFTING, 20), new Step(SHIFTING, 50),
                new Step(SHIFTING, 100), new Step(FENCED, 100), new Step(DRAINED, 100), new Step(SWITCHED, 100),
                new Step(COMPLETED, 100));
        Instant now = T0;
        for (Step step : steps) {
            now = now.plus(Duration.ofMinutes(1));
            state = PhaseMachine.transition(state, step.to(), step.percent(), "orders-db-1", now, "to " + step.to())
                    .orThrow();
        }

        // THEN it is completed with the full history, oldest first
        assertThat(state.phase()).isEqualTo(COMPLETED);
        assertThat(state.updatedAt()).isEqualTo(now);
        assertThat(state.executionName()).isEqualTo("orders-db-1");
        assertThat(state.history()).extracting(PhaseChange::from, PhaseChange::to, PhaseChange::readerPercent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(IDLE, READY, 0),
                        org.assertj.core.groups.Tuple.tuple(READY, SHIFTING, 20),
                        org.assertj.core.groups.Tuple.tuple(SHIFTING, SHIFTING, 50),
                        org.assertj.core.groups.Tuple.tuple(SHIFTING, SHIFTING, 100),
                        org.assertj.core.groups.Tuple.tuple(SHIFTING, FENCED, 100),
                        org.assertj.core.groups.Tuple.tuple(FENCED, DRAINED, 100),
                        org.assertj.core.groups.Tuple.tuple(DRAINED, SWITCHED, 100),
                        org.assertj.core.groups.Tuple.tuple(SWITCHED, COMPLETED, 100));
    }

    @Test
    void transition_rollsBackAndReArms() {
        // GIVEN a cutover whose writer switch was under way
        CutoverState drained = stateIn(DRAINED, 100);

        // WHEN it rolls back and is re-armed
        CutoverState rollingBack = PhaseMachine.transition(drained, ROLLING_BACK, 100, null, T0, "alarm").orThrow();
        CutoverState rolledBack = PhaseMachine.transition(rollingBack, ROLLED_BACK, 0, null, T0, "done").orThrow();
        CutoverState idle = PhaseMachine.transition(rolledBack, IDLE, 0, null, T0, "re-arm").orThrow();

        // THEN it is idle again, ready for another attempt
        assertThat(idle.phase()).isEqualTo(IDLE);
        assertThat(idle.history()).extracting(PhaseChange::to).containsExactly(ROLLING_BACK, ROLLED_BACK, IDLE);
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void transition_repeatedWithTheSameArguments_isAnIdempotentNoOp(Phase phase) {
        // GIVEN a state that just reached a phase
        CutoverState before = stateIn(phase, percentIn(phase));

        // WHEN the same transition is requested again (a retried Lambda invocation)
        Transition again = PhaseMachine.transition(before, phase, percentIn(phase), "another-execution",
                T0.plusSeconds(60), "retry");

        // THEN the state is returned unchanged: no history entry, no new timestamp, same owner
        assertThat(again).isInstanceOf(Transition.Allowed.class);
        assertThat(again.orThrow()).isSameAs(before);
    }

    @Test
    void transition_appliedTwice_changesStateOnlyOnce() {
        CutoverState ready = stateIn(READY, 0);
        CutoverState once = PhaseMachine.transition(ready, SHIFTING, 20, null, T0.plusSeconds(1), "step").orThrow();
        CutoverState twice = PhaseMachine.transition(once, SHIFTING, 20, null, T0.plusSeconds(2), "step").orThrow();
        assertThat(twice).isEqualTo(once);
        assertThat(twice.history()).hasSize(1);
    }

    @Test
    void transition_refusesAShiftBackwards_sayingToRollBack() {
        // GIVEN readers at 50% on the target
        CutoverState shifting = stateIn(SHIFTING, 50);

        // WHEN asked to go back to 20%
        Transition result = PhaseMachine.transition(shifting, SHIFTING, 20, null, T0, "back");

        // THEN it is refused, pointing at the rollback action
        assertThat(result).isInstanceOfSatisfying(Transition.Refused.class, refused -> assertThat(refused.reason())
                .contains("from 50% to 20%").contains("{\"action\":\"rollback\"}"));
        assertThatThrownBy(result::orThrow).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("from 50% to 20%");
    }

    @Test
    void transition_allowsTheNextStepForward() {
        CutoverState next = PhaseMachine.transition(stateIn(SHIFTING, 50), SHIFTING, 80, null, T0, "step").orThrow();
        assertThat(next.readerPercent()).isEqualTo(80);
    }

    @Test
    void transition_refusesAPercentOutside0To100() {
        assertThat(PhaseMachine.transition(stateIn(READY, 0), SHIFTING, 101, null, T0, "x"))
                .isEqualTo(new Transition.Refused("reader percent must be 0..100, was 101"));
        assertThat(PhaseMachine.transition(stateIn(READY, 0), SHIFTING, -1, null, T0, "x"))
                .isInstanceOf(Transition.Refused.class);
    }

    @Test
    void transition_explainsWhyAMoveIsRefused() {
        assertThat(reasonFor(COMPLETED, ROLLING_BACK)).contains("completed and the target has taken writes");
        assertThat(reasonFor(IDLE, ROLLING_BACK)).contains("nothing is active to roll back");
        assertThat(reasonFor(ROLLED_BACK, ROLLING_BACK)).contains("nothing is active to roll back");
        assertThat(reasonFor(ROLLING_BACK, IDLE)).contains("a rollback is in progress");
        assertThat(reasonFor(IDLE, SHIFTING)).contains("has not been found ready");
        assertThat(reasonFor(FENCED, SHIFTING)).contains("allowed next phases are [DRAINED, ROLLING_BACK]");
    }

    private static String reasonFor(Phase from, Phase to) {
        Transition result = PhaseMachine.transition(stateIn(from, percentIn(from)), to, percentIn(to), null, T0, "x");
        assertThat(result).isInstanceOf(Transition.Refused.class);
        return ((Transition.Refused) result).reason();
    }

    @Test
    void transition_keepsTheOwningExecution_unlessANewOneIsGiven() {
        CutoverState ready = stateIn(READY, 0);
        assertThat(PhaseMachine.transition(ready, SHIFTING, 20, null, T0, "x").orThrow().executionName())
                .isEqualTo("orders-db-1");
        assertThat(PhaseMachine.transition(ready, FENCED, 0, "orders-db-2", T0, "x").orThrow().executionName())
                .isEqualTo("orders-db-2");
    }

    @Test
    void history_keepsOnlyTheMostRecentChanges() {
        // GIVEN a cutover shifted one percent at a time, 100 times
        CutoverState state = stateIn(READY, 0);
        for (int percent = 1; percent <= 100; percent++) {
            state = PhaseMachine.transition(state, SHIFTING, percent, null, T0.plusSeconds(percent), "step").orThrow();
        }

        // THEN the history holds the newest 50 changes, oldest first
        assertThat(state.history()).hasSize(CutoverState.HISTORY_LIMIT);
        assertThat(state.history().get(0).readerPercent()).isEqualTo(51);
        assertThat(state.history().get(49).readerPercent()).isEqualTo(100);
    }

    @Test
    void cutoverState_treatsAMissingHistoryAsEmpty_andCopiesIt() {
        assertThat(new CutoverState("m", IDLE, 0, null, T0, null).history()).isEmpty();
        List<PhaseChange> changes = new ArrayList<>();
        CutoverState state = new CutoverState("m", IDLE, 0, null, T0, changes);
        changes.add(new PhaseChange(IDLE, READY, 0, T0, "later"));
        assertThat(state.history()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void phasePredicates_describeEachPhase(Phase phase) {
        Set<Phase> active = EnumSet.of(READY, SHIFTING, FENCED, DRAINED, SWITCHED, FALLBACK_OPEN);
        Set<Phase> fenced = EnumSet.of(FENCED, DRAINED, SWITCHED, FALLBACK_OPEN, COMPLETED);
        Set<Phase> switching = EnumSet.of(FENCED, DRAINED, SWITCHED);
        assertThat(phase.isActive()).isEqualTo(active.contains(phase));
        assertThat(phase.isSourceFenced()).isEqualTo(fenced.contains(phase));
        assertThat(phase.isWriterSwitchUnderWay()).isEqualTo(switching.contains(phase));
        // every active phase, and only those, may start a rollback
        assertThat(PhaseMachine.isLegal(phase, ROLLING_BACK)).isEqualTo(phase.isActive());
    }

    @Test
    void armed_takesAnIdleMigrationToReady_andARolledBackOneThroughIdle() {
        Instant later = T0.plusSeconds(60);

        CutoverState fromIdle = PhaseMachine.armed(stateIn(IDLE, 0), "orders-db-2", later, "READY (READER gate)");
        CutoverState fromRolledBack = PhaseMachine.armed(stateIn(ROLLED_BACK, 0), "orders-db-2", later, "READY");

        assertThat(fromIdle.phase()).isEqualTo(READY);
        assertThat(fromIdle.executionName()).isEqualTo("orders-db-2");
        assertThat(fromIdle.history()).extracting(PhaseChange::to, PhaseChange::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(READY, "READY (READER gate)"));
        assertThat(fromRolledBack.phase()).isEqualTo(READY);
        assertThat(fromRolledBack.history()).extracting(PhaseChange::from, PhaseChange::to, PhaseChange::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ROLLED_BACK, IDLE, "re-armed"),
                        org.assertj.core.groups.Tuple.tuple(IDLE, READY, "READY"));
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"READY", "SHIFTING", "FENCED", "DRAINED", "SWITCHED", "COMPLETED",
            "ROLLING_BACK"})
    void armed_leavesACutoverUnderWayOrOver_asItIs(Phase phase) {
        CutoverState state = stateIn(phase, percentIn(phase));
        assertThat(PhaseMachine.armed(state, "orders-db-2", T0.plusSeconds(60), "READY")).isSameAs(state);
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void rollingBack_startsFromEveryActivePhaseAtItsPercent_andLeavesTheOthers(Phase phase) {
        CutoverState state = stateIn(phase, percentIn(phase));

        CutoverState next = PhaseMachine.rollingBack(state, T0.plusSeconds(60), "alarm db-cpu");

        if (phase.isActive()) {
            assertThat(next.phase()).isEqualTo(ROLLING_BACK);
            assertThat(next.readerPercent()).isEqualTo(state.readerPercent());
            assertThat(next.history().getLast().reason()).isEqualTo("alarm db-cpu");
        } else {
            assertThat(next).isSameAs(state);
        }
    }
}
