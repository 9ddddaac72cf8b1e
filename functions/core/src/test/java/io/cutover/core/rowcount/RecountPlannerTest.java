package io.cutover.core.rowcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.Bucket;
import io.cutover.core.config.RowCountSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecountPlannerTest {
    static final String EXECUTION = "cutover-1";
    static final String EPOCH = "2026-12-01 00:00:00+00";
    static final TableActivity QUIET = new TableActivity(1000, 50, 0, "16384");
    static final SidePrecount SIDE = new SidePrecount(QUIET, 900, null, 100);
    static final TablePrecount ORDERS = new TablePrecount("public.orders", "created_at", Bucket.MONTH,
            Instant.parse("2026-12-01T00:00:00Z"), SIDE, SIDE);

    /** A table counted whole: 900 rows, every one settled. */
    static final SidePrecount WHOLE_SIDE = new SidePrecount(QUIET, 900, null, 0);
    static final TablePrecount CUSTOMERS = new TablePrecount("public.customers", null, null, null, WHOLE_SIDE,
            WHOLE_SIDE);

    static SideNow now(long inserted, long updated, long deleted, String storage, long recent) {
        return new SideNow(EPOCH, new TableActivity(inserted, updated, deleted, storage), recent);
    }

    static final SideNow UNCHANGED = now(1000, 50, 0, "16384", 100);

    @Nested
    class SettledCutoff {
        @ParameterizedTest(name = "{0} - {1}s per {2} = {3}")
        @CsvSource({
                "2026-12-03T06:00:00Z, 3600, day, 2026-12-03T00:00:00Z",
                "2026-12-03T06:20:00Z, 3600, hour, 2026-12-03T05:00:00Z",
                "2026-12-03T00:30:00Z, 3600, hour, 2026-12-02T23:00:00Z",
                // the margin reaches back over midnight: yesterday is not settled yet
                "2026-12-03T00:30:00Z, 3600, day, 2026-12-02T00:00:00Z",
                "2026-12-03T06:00:00Z, 3600, month, 2026-12-01T00:00:00Z",
                "2026-12-01T00:30:00Z, 3600, month, 2026-11-01T00:00:00Z",
                "2026-12-03T06:00:00Z, 2678400, month, 2026-11-01T00:00:00Z",
                "2026-12-03T06:00:00Z, 3600, year, 2026-01-01T00:00:00Z",
                "2026-01-01T00:00:59Z, 60, year, 2025-01-01T00:00:00Z",
                "2026-01-01T00:01:00Z, 60, year, 2026-01-01T00:00:00Z",
                "2024-03-01T00:30:00Z, 3600, day, 2024-02-29T00:00:00Z"})
        void settledBefore_isTheStartOfTheBucketHoldingStartMinusMargin(String start, long margin, String unit,
                                                                         String expected) {
            Bucket bucket = Bucket.valueOf(unit.toUpperCase());
            Instant cutoff = RecountPlanner.settledBefore(Instant.parse(start), Duration.ofSeconds(margin), bucket);
            assertThat(cutoff).isEqualTo(Instant.parse(expected));
            // every bucket before the cutoff ends at least the margin before the start
            assertThat(cutoff).isBeforeOrEqualTo(Instant.parse(start).minusSeconds(margin));
        }

        @Test
        void settledBefore_refusesANegativeMargin() {
            assertThatThrownBy(() -> RecountPlanner.settledBefore(Instant.EPOCH, Duration.ofSeconds(-1), Bucket.DAY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
        }
    }

    @Nested
    class Coverage {
        @Test
        void precountable_isEverySpec_bucketedAndWhole() {
            List<RowCountSpec> specs = List.of(RowCountSpec.whole("public.customers"),
                    RowCountSpec.perBucket("public.orders", "created_at", Bucket.MONTH));
            assertThat(RecountPlanner.precountable(specs)).containsExactlyElementsOf(specs);
        }

        @Test
        void aWholeTablesPrecount_standsForTheWholeSpecOnly() {
            RowPrecount withCustomers = new RowPrecount(EXECUTION, Instant.parse("2026-12-03T06:00:00Z"), 3600, false,
                    EPOCH, EPOCH, List.of(ORDERS, CUSTOMERS));
            assertThat(RecountPlanner.usable(withCustomers, EXECUTION, RowCountSpec.whole("public.customers"), false))
                    .contains(CUSTOMERS);
            assertThat(RecountPlanner.usable(withCustomers, EXECUTION,
                    RowCountSpec.perBucket("public.customers", "created_at", Bucket.MONTH), false)).isEmpty();
        }

        @Test
        void aTablePrecount_isBucketedOrWhole_neverHalfOfEach() {
            assertThatThrownBy(() -> new TablePrecount("public.t", "created_at", null, null, SIDE, SIDE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all null");
            assertThatThrownBy(() -> new TablePrecount("public.t", null, Bucket.DAY, null, SIDE, SIDE))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(CUSTOMERS.whole()).isTrue();
            assertThat(ORDERS.whole()).isFalse();
        }

        RowPrecount precount(String execution, boolean checksums) {
            return new RowPrecount(execution, Instant.parse("2026-12-03T06:00:00Z"), 3600, checksums, EPOCH, EPOCH,
                    List.of(ORDERS));
        }

        @Test
        void usable_whenThisExecutionTookItForTheSameColumnAndUnit() {
            RowCountSpec spec = RowCountSpec.perBucket("public.orders", "created_at", Bucket.MONTH);
            assertThat(RecountPlanner.usable(precount(EXECUTION, false), EXECUTION, spec, false)).contains(ORDERS);
            // a precount with checksums also stands for a check without
            assertThat(RecountPlanner.usable(precount(EXECUTION, true), EXECUTION, spec, false)).contains(ORDERS);
        }

        @Test
        void notUsable_withoutPrecount_fromAnotherExecution_forAnotherColumnOrUnit_orWithoutChecksumsAskedFor() {
            RowCountSpec spec = RowCountSpec.perBucket("public.orders", "created_at", Bucket.MONTH);
            assertThat(RecountPlanner.usable(null, EXECUTION, spec, false)).isEmpty();
            assertThat(RecountPlanner.usable(precount("cutover-0", false), EXECUTION, spec, false)).isEmpty();
            assertThat(RecountPlanner.usable(precount(EXECUTION, false), EXECUTION,
                    RowCountSpec.perBucket("public.orders", "shipped_at", Bucket.MONTH), false)).isEmpty();
            assertThat(RecountPlanner.usable(precount(EXECUTION, false), EXECUTION,
                    RowCountSpec.perBucket("public.orders", "created_at", Bucket.DAY), false)).isEmpty();
            assertThat(RecountPlanner.usable(precount(EXECUTION, false), EXECUTION,
                    RowCountSpec.perBucket("public.lines", "created_at", Bucket.MONTH), false)).isEmpty();
            assertThat(RecountPlanner.usable(precount(EXECUTION, false), EXECUTION, spec, true)).isEmpty();
            assertThat(RecountPlanner.usable(precount(EXECUTION, false), EXECUTION,
                    RowCountSpec.whole("public.orders"), false)).isEmpty();
        }
    }

    @Nested
    class Decide {
        @Test
        void aTableCountedWhole_isNotCountedAgain_whenOnlyUpdatesHappened_butIsOnAnyInsertOrDelete() {
            SideNow updatedOnly = now(1000, 80, 0, "16384", 0);
            assertThat(RecountPlanner.decide(CUSTOMERS, EPOCH, EPOCH, updatedOnly, updatedOnly, false).fullRecount())
                    .isFalse();
            RecountDecision inserted = RecountPlanner.decide(CUSTOMERS, EPOCH, EPOCH, now(1001, 50, 0, "16384", 0),
                    now(1000, 50, 0, "16384", 0), false);
            assertThat(inserted.fullRecount()).isTrue();
            assertThat(inserted.reason()).contains("source: 1 row(s) inserted", "a table counted whole has none");
            assertThat(RecountPlanner.decide(CUSTOMERS, EPOCH, EPOCH, now(1000, 50, 0, "16384", 0),
                    now(1000, 50, 2, "16384", 0), false).fullRecount()).isTrue();
            // with checksums an update may have changed a row's text
            assertThat(RecountPlanner.decide(CUSTOMERS, EPOCH, EPOCH, updatedOnly, updatedOnly, true).fullRecount())
                    .isTrue();
        }

        @Test
        void keepsTheSettledCounts_whenNothingChanged() {
            RecountDecision d = RecountPlanner.decide(ORDERS, EPOCH, EPOCH, UNCHANGED, UNCHANGED, false);
            assertThat(d.fullRecount()).as(d.reason()).isFalse();
        }

        @Test
        void keepsTheSettledCounts_whenInsertsAllLandedInRecentBuckets_andRowsWereUpdated() {
            RecountDecision d = RecountPlanner.decide(ORDERS, EPOCH, EPOCH, now(1040, 70, 0, "16384", 140),
                    now(1040, 70, 0, "16384", 140), false);
            assertThat(d.fullRecount()).as(d.reason()).isFalse();
            assertThat(d.reason()).contains("+40 inserted", "20 updated");
        }

        @Test
        void recounts_whenTheSettledRowsDifferedAtThePrecount() {
            TablePrecount differing = new TablePrecount("public.orders", "created_at", Bucket.MONTH,
                    ORDERS.settledBefore(), SIDE, new SidePrecount(QUIET, 899, null, 100));
            RecountDecision d = RecountPlanner.decide(differing, EPOCH, EPOCH, UNCHANGED, UNCHANGED, false);
            assertThat(d.fullRecount()).isTrue();
            assertThat(d.reason()).contains("source 900, target 899");
        }

        @Test
        void recounts_whenTheSettledChecksumsDifferedAtThePrecount() {
            TablePrecount differing = new TablePrecount("public.orders", "created_at", Bucket.MONTH,
                    ORDERS.settledBefore(), new SidePrecount(QUIET, 900, "123", 100),
                    new SidePrecount(QUIET, 900, "124", 100));
            assertThat(RecountPlanner.decide(differing, EPOCH, EPOCH, UNCHANGED, UNCHANGED, true).fullRecount())
                    .isTrue();
        }

        @ParameterizedTest(name = "source {0}")
        @CsvSource(delimiter = '|', value = {
                "1000|50|1|16384|100|false|1 row(s) deleted",
                "1001|50|0|16384|100|false|1 row(s) inserted since the precount but the recent buckets grew by 0",
                "1000|50|0|16384|101|false|0 row(s) inserted since the precount but the recent buckets grew by 1",
                "1000|50|0|16384|99|false|grew by -1",
                "1000|50|0|16399|100|false|storage changed",
                "999|50|0|16384|99|false|went back",
                "1000|49|0|16384|100|false|went back",
                "1000|51|0|16384|100|true|1 row(s) updated since the precount, and checksums are on"})
        void recounts_whenASideShowsAChangeItsRecentBucketsCannotAccountFor(long ins, long upd, long del,
                                                                             String storage, long recent,
                                                                             boolean checksums, String reason) {
            SideNow changed = now(ins, upd, del, storage, recent);
            RecountDecision onSource = RecountPlanner.decide(ORDERS, EPOCH, EPOCH, changed, UNCHANGED, checksums);
            RecountDecision onTarget = RecountPlanner.decide(ORDERS, EPOCH, EPOCH, UNCHANGED, changed, checksums);
            assertThat(onSource.fullRecount()).isTrue();
            assertThat(onSource.reason()).startsWith("source").contains(reason);
            assertThat(onTarget.fullRecount()).isTrue();
            assertThat(onTarget.reason()).startsWith("target").contains(reason);
        }

        @Test
        void recounts_whenStatisticsRestarted_evenWithTheSameCounters() {
            SideNow restarted = new SideNow("2026-12-03 05:00:00+00", QUIET, 100);
            RecountDecision d = RecountPlanner.decide(ORDERS, EPOCH, EPOCH, restarted, UNCHANGED, false);
            assertThat(d.fullRecount()).isTrue();
            assertThat(d.reason()).contains("statistics restarted");
        }

        @Test
        void anUpdateWithoutChecksums_keepsTheSettledCounts_theStatedLimit() {
            // an update moving a settled row to another settled bucket looks like any other update
            RecountDecision d = RecountPlanner.decide(ORDERS, EPOCH, EPOCH, now(1000, 51, 0, "16384", 100),
                    UNCHANGED, false);
            assertThat(d.fullRecount()).isFalse();
        }
    }
}
