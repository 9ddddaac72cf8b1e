package io.cutover.core.weights;

import static io.cutover.core.fixtures.ConfigFixture.READER;
import static io.cutover.core.fixtures.ConfigFixture.WRITER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.port.cloud.Weights;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightPlannerTest {
    private static final Map<String, Weights> ALL_SOURCE = Map.of(WRITER, Weights.allSource(), READER, Weights.allSource());

    private final CutoverConfig config = ConfigFixture.minimal().parse();
    private final WeightPlanner planner = new WeightPlanner(config);

    private static Weights after(WeightPlan plan, String group) {
        return plan.changes().stream().filter(c -> c.group().name().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no change for " + group)).after();
    }

    @Test
    void readerShift_movesReadersOnly_leavingTheWriterOutOfThePlan() {
        // GIVEN everything on the source
        // WHEN readers are shifted to 20%
        WeightPlan plan = planner.readerShift(20, ALL_SOURCE);

        // THEN only the reader group changes, to 80/20
        assertThat(plan.changes()).extracting(c -> c.group().name()).containsExactly(READER);
        assertThat(plan.effective()).singleElement().satisfies(c -> {
            assertThat(c.before()).isEqualTo(new Weights(100, 0));
            assertThat(c.after()).isEqualTo(new Weights(80, 20));
            assertThat(c.changes()).isTrue();
        });
        assertThat(plan.isNoOp()).isFalse();
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void readerShift_isANoOp_whenTheWeightsAreAlreadyThere() {
        // GIVEN readers already at 50% (written with other numbers but the same share)
        Map<String, Weights> current = Map.of(WRITER, Weights.allSource(), READER, new Weights(3, 3));

        // WHEN shifted to 50% again
        WeightPlan plan = planner.readerShift(50, current);

        // THEN nothing is written and the existing weights are kept as they are
        assertThat(plan.isNoOp()).isTrue();
        assertThat(plan.effective()).isEmpty();
        assertThat(after(plan, READER)).isEqualTo(new Weights(3, 3));
    }

    @Test
    void readerShift_toZero_fromTheSource_isANoOp() {
        assertThat(planner.readerShift(0, ALL_SOURCE).isNoOp()).isTrue();
    }

    @Test
    void readerShift_refusesToMoveBackwards_pointingAtRollback() {
        // GIVEN readers at 50%
        Map<String, Weights> current = Map.of(WRITER, Weights.allSource(), READER, Weights.forTargetPercent(50));

        // WHEN asked for 20% THEN refused: going back is a rollback
        assertThatThrownBy(() -> planner.readerShift(20, current))
                .isInstanceOf(ShiftRefusedException.class)
                .hasMessageContaining("record group app-reader already sends 50% to the target (weights 50/50 source/target)")
                .hasMessageContaining("{\"action\":\"rollback\"}");
    }

    @Test
    void readerShift_refusesAShareJustBelowTheCurrentOne_evenWhenItRoundsToTheSamePercent() {
        // GIVEN readers at 2/3 on the target (66.7%, hand-written weights)
        Map<String, Weights> current = Map.of(WRITER, Weights.allSource(), READER, new Weights(1, 2));

        // WHEN asked for 66% THEN it is a step back, however small
        assertThatThrownBy(() -> planner.readerShift(66, current)).isInstanceOf(ShiftRefusedException.class);
        assertThat(after(planner.readerShift(67, current), READER)).isEqualTo(new Weights(33, 67));
    }

    @Test
    void readerShift_onAWriterOnlyConfig_isRefused_explainingWhy() {
        // GIVEN a config with only a writer group
        WeightPlanner writerOnly = new WeightPlanner(ConfigFixture.minimal().writerOnly().parse());

        // WHEN a gradual shift is asked for THEN it is refused with the explanation and the alternatives
        assertThatThrownBy(() -> writerOnly.readerShift(20, Map.of(WRITER, Weights.allSource())))
                .isInstanceOf(ShiftRefusedException.class)
                .hasMessage(WeightPlanner.WRITER_ONLY_REFUSAL)
                .hasMessageContaining("split the data between two writable databases")
                .hasMessageContaining("manual_cutover")
                .hasMessageContaining("allowWeightedWrites");
    }

    @Test
    void readerShift_movesAWriterGroupThatOptsIn_withANote() {
        // GIVEN a writer-only config whose writer allows weighted writes
        CutoverConfig optIn = ConfigFixture.minimal().writerOnly().set("recordGroups[0].allowWeightedWrites", true)
                .parse();

        // WHEN shifted to 20%
        WeightPlan plan = new WeightPlanner(optIn).readerShift(20, Map.of(WRITER, Weights.allSource()));

        // THEN the writer is split 80/20 and the plan says what that means
        assertThat(after(plan, WRITER)).isEqualTo(new Weights(80, 20));
        assertThat(plan.notes()).singleElement().asString()
                .contains("writer group app-writer is shifted by weight because allowWeightedWrites is true");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void readerShift_refusesAPercentOutside0To100(int percent) {
        assertThatThrownBy(() -> planner.readerShift(percent, ALL_SOURCE)).isInstanceOf(ShiftRefusedException.class)
                .hasMessageContaining("aurora_weight must be 0..100");
    }

    @Test
    void readerShift_needsTheCurrentWeightsOfEveryGroupItMoves() {
        assertThatThrownBy(() -> planner.readerShift(20, Map.of(WRITER, Weights.allSource())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(READER);
    }

    @Test
    void readerShift_warns_whenAWriterIsSplitAlready() {
        // GIVEN someone split the writer by hand
        Map<String, Weights> current = Map.of(WRITER, new Weights(50, 50), READER, Weights.allSource());

        // WHEN readers are shifted
        WeightPlan plan = planner.readerShift(20, current);

        // THEN the writer is left alone and the plan warns about the split
        assertThat(plan.changes()).extracting(c -> c.group().name()).containsExactly(READER);
        assertThat(plan.notes()).singleElement().asString()
                .contains("writer group app-writer is split 50/50").contains("both databases may be taking writes");
    }

    @Test
    void writerSwitch_movesEveryGroup_writerIncluded_toTheTarget() {
        // GIVEN readers at 80% and the writer on the source
        Map<String, Weights> current = Map.of(WRITER, Weights.allSource(), READER, Weights.forTargetPercent(80));

        // WHEN the fenced switch plans its weights
        WeightPlan plan = planner.writerSwitch(current);

        // THEN both groups end at 0/100
        assertThat(after(plan, WRITER)).isEqualTo(Weights.allTarget());
        assertThat(after(plan, READER)).isEqualTo(Weights.allTarget());
        assertThat(plan.effective()).hasSize(2);
    }

    @Test
    void writerSwitch_isANoOp_whenEverythingIsOnTheTarget() {
        Map<String, Weights> current = Map.of(WRITER, new Weights(0, 7), READER, Weights.allTarget());
        assertThat(planner.writerSwitch(current).isNoOp()).isTrue();
    }

    @Test
    void rollback_movesEveryGroupToTheSource() {
        // GIVEN the switch completed on the weights side
        Map<String, Weights> current = Map.of(WRITER, Weights.allTarget(), READER, Weights.forTargetPercent(50));

        // WHEN rolled back
        WeightPlan plan = planner.rollback(current);

        // THEN every group is back on the source
        assertThat(after(plan, WRITER)).isEqualTo(Weights.allSource());
        assertThat(after(plan, READER)).isEqualTo(Weights.allSource());
    }

    @Test
    void rollback_isANoOp_whenEverythingIsOnTheSource() {
        assertThat(planner.rollback(ALL_SOURCE).isNoOp()).isTrue();
    }
}
