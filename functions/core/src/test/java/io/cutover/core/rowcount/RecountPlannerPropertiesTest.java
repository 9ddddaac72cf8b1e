package io.cutover.core.rowcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.Bucket;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The planner against a model of one table: a settled and a recent part and PostgreSQL's counters, changed between
 * the precount and the fence by any sequence of operations. Whatever the sequence, keeping the settled counts is only
 * ever wrong for the stated limit (an update of the bucket column), and never when nothing changed.
 */
class RecountPlannerPropertiesTest {
    enum Op {
        INSERT_RECENT, INSERT_SETTLED, DELETE_RECENT, DELETE_SETTLED, ABORTED_INSERT, ABORTED_DELETE,
        UPDATE_RECENT_TEXT, UPDATE_SETTLED_TEXT, MOVE_SETTLED_TO_RECENT, MOVE_RECENT_TO_SETTLED,
        MOVE_SETTLED_TO_SETTLED, TRUNCATE, VACUUM_FULL, STATS_RESET
    }

    /** One side of the table as PostgreSQL would have it, with what the model knows and the planner does not. */
    static final class Model {
        long settled = 500;
        long recent = 20;
        long ins = 10_000;
        long upd = 300;
        long del = 40;
        int storage = 16384;
        String epoch = "epoch-1";
        boolean settledTextChanged;
        boolean bucketColumnUpdated;

        SidePrecount precount() {
            return new SidePrecount(activity(), settled, "sum-" + settled, recent);
        }

        TableActivity activity() {
            return new TableActivity(ins, upd, del, String.valueOf(storage));
        }

        SideNow now() {
            return new SideNow(epoch, activity(), recent);
        }

        void apply(Op op) {
            switch (op) {
                case INSERT_RECENT -> { recent++; ins++; }
                case INSERT_SETTLED -> { settled++; ins++; }
                case DELETE_RECENT -> { if (recent > 0) { recent--; del++; } }
                case DELETE_SETTLED -> { if (settled > 0) { settled--; del++; } }
                case ABORTED_INSERT -> ins++;
                case ABORTED_DELETE -> del++;
                case UPDATE_RECENT_TEXT -> upd++;
                case UPDATE_SETTLED_TEXT -> { upd++; settledTextChanged = true; }
                case MOVE_SETTLED_TO_RECENT -> { if (settled > 0) { settled--; recent++; upd++; bucketColumnUpdated = true; } }
                case MOVE_RECENT_TO_SETTLED -> { if (recent > 0) { recent--; settled++; upd++; bucketColumnUpdated = true; } }
                case MOVE_SETTLED_TO_SETTLED -> { if (settled > 0) { upd++; bucketColumnUpdated = true; } }
                case TRUNCATE -> { settled = 0; recent = 0; storage++; }
                case VACUUM_FULL -> storage++;
                case STATS_RESET -> { ins = 0; upd = 0; del = 0; epoch = "epoch-2"; }
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> changes() {
        return Arbitraries.of(Op.class).list().ofMaxSize(6);
    }

    private static RecountDecision run(List<Op> onSource, boolean checksums, Model source) {
        Model target = new Model();
        TablePrecount precount = new TablePrecount("public.orders", "created_at", Bucket.MONTH,
                Instant.parse("2026-12-01T00:00:00Z"), source.precount(), target.precount());
        onSource.forEach(source::apply);
        return RecountPlanner.decide(precount, "epoch-1", "epoch-1", source.now(), target.now(), checksums);
    }

    @Property
    void keepingTheSettledCounts_meansTheSettledRowsDidNotChange_unlessABucketColumnWasUpdated(
            @ForAll("changes") List<Op> ops, @ForAll boolean checksums) {
        Model source = new Model();
        long settledThen = source.settled;
        RecountDecision decision = run(ops, checksums, source);
        if (!decision.fullRecount() && !source.bucketColumnUpdated) {
            assertThat(source.settled).as(ops + ": " + decision.reason()).isEqualTo(settledThen);
        }
    }

    @Property
    void withChecksums_keepingTheSettledCounts_meansNoSettledRowChangedAtAll(@ForAll("changes") List<Op> ops) {
        Model source = new Model();
        long settledThen = source.settled;
        RecountDecision decision = run(ops, true, source);
        if (!decision.fullRecount()) {
            assertThat(source.settled).as(ops + ": " + decision.reason()).isEqualTo(settledThen);
            assertThat(source.settledTextChanged || source.bucketColumnUpdated).as(ops.toString()).isFalse();
        }
    }

    @Property
    void onlyInsertsIntoRecentBuckets_andTextUpdatesWithoutChecksums_keepTheSettledCounts(
            @ForAll("quiet") List<Op> ops) {
        assertThat(run(ops, false, new Model()).fullRecount()).as(ops.toString()).isFalse();
    }

    @Provide
    Arbitrary<List<Op>> quiet() {
        return Arbitraries.of(Op.INSERT_RECENT, Op.UPDATE_RECENT_TEXT, Op.UPDATE_SETTLED_TEXT).list().ofMaxSize(6);
    }

    @Property
    void anyDeleteTruncateRewriteResetOrSettledInsert_forcesARecount(@ForAll("changes") List<Op> before,
                                                                      @ForAll("forcing") Op forcing,
                                                                      @ForAll boolean checksums) {
        List<Op> ops = new java.util.ArrayList<>(before);
        ops.add(forcing);
        // a settled insert can be offset by a move out of the settled part: that is the bucket-column limit
        if (forcing == Op.INSERT_SETTLED && ops.contains(Op.MOVE_SETTLED_TO_RECENT)) {
            return;
        }
        Model source = new Model();
        source.settled = 500;
        source.recent = 20;
        RecountDecision decision = run(ops, checksums, source);
        boolean deleteWithNothingToDelete = (forcing == Op.DELETE_RECENT || forcing == Op.DELETE_SETTLED)
                && source.del == new Model().del;
        if (!deleteWithNothingToDelete) {
            assertThat(decision.fullRecount()).as(ops + ": " + decision.reason()).isTrue();
        }
    }

    @Provide
    Arbitrary<Op> forcing() {
        return Arbitraries.of(Op.DELETE_SETTLED, Op.DELETE_RECENT, Op.ABORTED_DELETE, Op.TRUNCATE, Op.VACUUM_FULL,
                Op.STATS_RESET, Op.INSERT_SETTLED);
    }
}
