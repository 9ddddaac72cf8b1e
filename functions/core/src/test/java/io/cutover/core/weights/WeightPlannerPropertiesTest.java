package io.cutover.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.port.cloud.Weights;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of weight plans for any current weights (not only the ones the planner itself writes) and
 * any requested percent, over configs with and without writer groups that opt in to weighted writes.
 */
class WeightPlannerPropertiesTest {

    /** A config with the current weights of each of its groups. */
    record Situation(String label, CutoverConfig config, Map<String, Weights> current) {
        @Override
        public String toString() {
            return label + " " + current;
        }
    }

    private static final List<Map.Entry<String, CutoverConfig>> CONFIGS = List.of(
            Map.entry("writer+reader", ConfigFixture.minimal().parse()),
            Map.entry("writer-only", ConfigFixture.minimal().writerOnly().parse()),
            Map.entry("opted-in writer only",
                    ConfigFixture.minimal().writerOnly().set("recordGroups[0].allowWeightedWrites", true).parse()),
            Map.entry("opted-in writer+reader",
                    ConfigFixture.minimal().set("recordGroups[0].allowWeightedWrites", true).parse()),
            Map.entry("writer+two readers", ConfigFixture.minimal()
                    .setJson("recordGroups[2]", """
                            {"name": "app-reader-2", "role": "reader", "hostedZoneId": "Z0123456789ABC",
                             "recordName": "db-ro2.app.example.com",
                             "source": {"setIdentifier": "source", "value": "app-pg-replica-2.example.com"},
                             "target": {"setIdentifier": "aurora", "value": "app-aurora.cluster-ro.example.com"}}""")
                    .parse()));

    @Provide
    Arbitrary<Weights> weights() {
        Arbitrary<Weights> any = Combinators.combine(Arbitraries.integers().between(0, Weights.MAX),
                        Arbitraries.integers().between(0, Weights.MAX))
                .filter((s, t) -> s > 0 || t > 0).as(Weights::new);
        Arbitrary<Weights> planned = Arbitraries.integers().between(0, 100).map(Weights::forTargetPercent);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, any), net.jqwik.api.Tuple.of(2, planned),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Weights.allSource(), Weights.allTarget())));
    }

    @Provide
    Arbitrary<Situation> situations() {
        return Arbitraries.of(CONFIGS).flatMap(entry -> weights().list().ofSize(entry.getValue().recordGroups().size())
                .map(list -> {
                    Map<String, Weights> current = new HashMap<>();
                    for (int i = 0; i < list.size(); i++) {
                        current.put(entry.getValue().recordGroups().get(i).name(), list.get(i));
                    }
                    return new Situation(entry.getKey(), entry.getValue(), Map.copyOf(current));
                }));
    }

    private static boolean movable(RecordGroup group) {
        return !group.isWriter() || group.allowWeightedWrites();
    }

    /** Exact comparison of a group's target share with a percent: negative, zero or positive. */
    private static int compareShare(Weights w, int percent) {
        return Long.compare((long) w.target() * 100, (long) percent * (w.source() + w.target()));
    }

    private static Map<String, Weights> apply(Map<String, Weights> current, WeightPlan plan) {
        Map<String, Weights> next = new HashMap<>(current);
        plan.effective().forEach(c -> next.put(c.group().name(), c.after()));
        return next;
    }

    private static WeightPlan shiftOrNull(Situation s, int percent) {
        try {
            return new WeightPlanner(s.config()).readerShift(percent, s.current());
        } catch (ShiftRefusedException refused) {
            return null;
        }
    }

    @Property
    void readerShift_neverChangesAWriterGroupThatDoesNotOptIn(@ForAll("situations") Situation s,
                                                              @ForAll @IntRange(min = 0, max = 100) int percent) {
        WeightPlan plan = shiftOrNull(s, percent);
        if (plan == null) {
            return;
        }
        assertThat(plan.changes()).allSatisfy(c -> {
            if (c.group().isWriter() && !c.group().allowWeightedWrites()) {
                assertThat(c.changes()).as("writer " + c.group().name() + " changed").isFalse();
            }
        });
        Map<String, Weights> after = apply(s.current(), plan);
        s.config().writerGroups().stream().filter(g -> !g.allowWeightedWrites())
                .forEach(g -> assertThat(after.get(g.name())).isEqualTo(s.current().get(g.name())));
    }

    @Property
    void readerShift_isRefused_exactlyWhenSomeMovableGroupIsAlreadyFurther(@ForAll("situations") Situation s,
                                                                          @ForAll @IntRange(min = 0, max = 100) int percent) {
        List<RecordGroup> movable = s.config().recordGroups().stream().filter(WeightPlannerPropertiesTest::movable)
                .toList();
        boolean shouldRefuse = movable.isEmpty()
                || movable.stream().anyMatch(g -> compareShare(s.current().get(g.name()), percent) > 0);
        if (shouldRefuse) {
            assertThatThrownBy(() -> new WeightPlanner(s.config()).readerShift(percent, s.current()))
                    .isInstanceOf(ShiftRefusedException.class);
        } else {
            assertThat(shiftOrNull(s, percent)).isNotNull();
        }
    }

    @Property
    void readerShift_putsEveryMovableGroupExactlyAtThePercent_andNeverBackwards(
            @ForAll("situations") Situation s, @ForAll @IntRange(min = 0, max = 100) int percent) {
        WeightPlan plan = shiftOrNull(s, percent);
        if (plan == null) {
            return;
        }
        assertThat(plan.changes()).allSatisfy(c -> {
            assertThat(compareShare(c.after(), percent)).as("share of " + c.group().name() + " after " + c.after())
                    .isZero();
            long before = (long) c.before().target() * (c.after().source() + c.after().target());
            long after = (long) c.after().target() * (c.before().source() + c.before().target());
            assertThat(after).as("target share must not shrink").isGreaterThanOrEqualTo(before);
        });
    }

    @Property
    void everyPlan_hasValidRoute53Weights_neverZeroZero(@ForAll("situations") Situation s,
                                                        @ForAll @IntRange(min = 0, max = 100) int percent) {
        WeightPlanner planner = new WeightPlanner(s.config());
        WeightPlan shift = shiftOrNull(s, percent);
        for (WeightPlan plan : shift == null ? List.of(planner.writerSwitch(s.current()), planner.rollback(s.current()))
                : List.of(shift, planner.writerSwitch(s.current()), planner.rollback(s.current()))) {
            assertThat(plan.changes()).allSatisfy(c -> {
                assertThat(c.after().source()).isBetween(0, Weights.MAX);
                assertThat(c.after().target()).isBetween(0, Weights.MAX);
                assertThat(c.after().source() + c.after().target()).isPositive();
            });
        }
    }

    @Property
    void readerShift_appliedTwice_isANoOpTheSecondTime(@ForAll("situations") Situation s,
                                                       @ForAll @IntRange(min = 0, max = 100) int percent) {
        WeightPlan first = shiftOrNull(s, percent);
        if (first == null) {
            return;
        }
        WeightPlan second = new WeightPlanner(s.config()).readerShift(percent, apply(s.current(), first));
        assertThat(second.isNoOp()).isTrue();
    }

    @Property
    void writerSwitch_endsWithEveryGroupOnTheTarget_andIsANoOpTheSecondTime(@ForAll("situations") Situation s) {
        WeightPlanner planner = new WeightPlanner(s.config());
        WeightPlan plan = planner.writerSwitch(s.current());
        assertThat(plan.changes()).hasSameSizeAs(s.config().recordGroups())
                .allSatisfy(c -> assertThat(c.after().source()).isZero());
        assertThat(planner.writerSwitch(apply(s.current(), plan)).isNoOp()).isTrue();
    }

    @Property
    void rollback_alwaysEndsWithEveryGroupAt100PercentSource(@ForAll("situations") Situation s) {
        WeightPlanner planner = new WeightPlanner(s.config());
        WeightPlan plan = planner.rollback(s.current());
        Map<String, Weights> after = apply(s.current(), plan);
        assertThat(s.config().recordGroups()).allSatisfy(g -> {
            assertThat(after.get(g.name()).target()).as(g.name()).isZero();
            assertThat(after.get(g.name()).targetPercent()).isZero();
        });
        assertThat(planner.rollback(after).isNoOp()).isTrue();
    }
}
