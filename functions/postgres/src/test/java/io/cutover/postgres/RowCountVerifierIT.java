package io.cutover.postgres;

import io.cutover.core.config.Bucket;
import io.cutover.core.config.RowCountSpec;
import io.cutover.core.port.db.BucketCount;
import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.RowCountReport;
import io.cutover.core.port.db.TableRowCount;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class RowCountVerifierIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
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

    /** customers (whole count), orders over three months (bucketed), and a quoted "Order Lines" table. */
    private static String createReplicatedTables() {
        String s = ReplicatedPair.unique("shop");
        pair.addSchema(
                "CREATE SCHEMA " + s,
                "CREATE TABLE " + s + ".customers (id int PRIMARY KEY)",
                "CREATE TABLE " + s + ".orders (id int PRIMARY KEY, created_at timestamptz NOT NULL)",
                "CREATE TABLE " + s + ".\"Order Lines\" (id int PRIMARY KEY, \"Shipped On\" date)");
        pair.executeOnSource(
                "INSERT INTO " + s + ".customers SELECT g FROM generate_series(1, 50) g",
                "INSERT INTO " + s + ".orders SELECT g, timestamptz '2025-01-01 00:00:00+00' + (g || ' days')::interval"
                        + " FROM generate_series(0, 89) g",
                "INSERT INTO " + s + ".\"Order Lines\" SELECT g, CASE WHEN g % 10 = 0 THEN NULL"
                        + " ELSE date '2025-03-01' + g END FROM generate_series(1, 40) g");
        pair.awaitCaughtUp(TIMEOUT);
        return s;
    }

    @Test
    void verify_matches_whenEveryRowReplicated() {
        String s = createReplicatedTables();

        RowCountReport report = verifier.verify(List.of(
                RowCountSpec.whole(s + ".customers"),
                RowCountSpec.perBucket(s + ".orders", "created_at", Bucket.MONTH),
                RowCountSpec.perBucket(s + ".\"Order Lines\"", "Shipped On", Bucket.DAY)), TIMEOUT);

        assertThat(report.allMatch()).as(String.valueOf(report.mismatches())).isTrue();
        assertThat(report.tables()).extracting(TableRowCount::sourceRows).containsExactly(50L, 90L, 40L);
        assertThat(report.tables()).extracting(TableRowCount::targetRows).containsExactly(50L, 90L, 40L);
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void verify_reportsAMissingRow_withItsTableAndMonth() {
        // GIVEN rows deleted on the target only (the subscription does not bring them back)
        String s = createReplicatedTables();
        pair.executeOnTarget(
                "DELETE FROM " + s + ".orders WHERE id = 40",          // 2025-02-10
                "DELETE FROM " + s + ".\"Order Lines\" WHERE id = 10"); // a NULL "Shipped On"

        // WHEN counted
        RowCountReport report = verifier.verify(List.of(
                RowCountSpec.whole(s + ".customers"),
                RowCountSpec.perBucket(s + ".orders", "created_at", Bucket.MONTH),
                RowCountSpec.perBucket(s + ".\"Order Lines\"", "Shipped On", Bucket.MONTH)), TIMEOUT);

        // THEN the mismatches name the table and the bucket
        assertThat(report.allMatch()).isFalse();
        assertThat(report.tables().get(0).matches()).isTrue();
        TableRowCount orders = report.tables().get(1);
        assertThat(orders.matches()).isFalse();
        assertThat(orders.sourceRows()).isEqualTo(90);
        assertThat(orders.targetRows()).isEqualTo(89);
        assertThat(orders.mismatchedBuckets()).containsExactly(new BucketCount("2025-02-01T00:00:00", 28, 27));
        assertThat(report.tables().get(2).mismatchedBuckets())
                .containsExactly(new BucketCount(PgRowCountVerifier.NULL_BUCKET, 4, 3));
        assertThat(report.mismatches()).containsExactly(
                s + ".orders: source 90 rows, target 89; 2025-02-01T00:00:00: source 28, target 27",
                s + ".\"Order Lines\": source 40 rows, target 39; null-bucket: source 4, target 3");
    }

    @Test
    void verify_reportsMissingTablesAndColumns_asProblems() {
        // GIVEN a table that exists only on the source
        String s = createReplicatedTables();
        // unlogged: FOR ALL TABLES leaves it out, so the subscription never looks for it on the target
        pair.executeOnSource("CREATE UNLOGGED TABLE " + s + ".audit (id int)");

        RowCountReport report = verifier.verify(List.of(
                RowCountSpec.whole(s + ".audit"),
                RowCountSpec.perBucket(s + ".orders", "no_such_column", Bucket.MONTH),
                RowCountSpec.whole("not-a-qualified-name")), TIMEOUT);

        assertThat(report.allMatch()).isFalse();
        assertThat(report.tables().get(0).problem()).startsWith("target: table " + s + ".audit does not exist");
        assertThat(report.tables().get(0).sourceRows()).isZero();
        assertThat(report.tables().get(1).problem()).contains("column no_such_column does not exist");
        assertThat(report.tables().get(2).problem()).contains("bad table name");
        assertThat(report.mismatches()).hasSize(3);
    }

    /** Connections with quick-statement timeouts far below what the views below take to count. */
    private static PgRowCountVerifier verifierWithQuickStatementTimeouts() {
        return new PgRowCountVerifier(JdbcConnections.inline(quick(pair.sourceAdminSettings())),
                JdbcConnections.inline(quick(pair.targetAdminSettings())));
    }

    private static ConnectionSettings quick(ConnectionSettings settings) {
        return settings.withTimeouts(10_000, 1_000, 500, 5_000);
    }

    @Test
    void verify_countsATableForLongerThanTheConnectionsStatementAndSocketTimeouts() {
        // GIVEN a "table" whose count takes 3 s (a view over pg_sleep), on connections whose statement_timeout is
        // 0.5 s and whose socket read timeout is 1 s: a big table's count(*) against the default 30 s / 60 s
        String s = ReplicatedPair.unique("slow");
        pair.executeOnBoth("CREATE SCHEMA " + s, "CREATE VIEW " + s + ".big AS SELECT 1 AS x FROM pg_sleep(3)");

        // WHEN counted with a step timeout of 20 s
        RowCountReport report = verifierWithQuickStatementTimeouts().verify(
                List.of(RowCountSpec.whole(s + ".big")), TIMEOUT);

        // THEN the step's deadline, not the connection's quick-statement timeouts, bounded the count
        assertThat(report.allMatch()).as(String.valueOf(report.mismatches())).isTrue();
        assertThat(report.tables()).extracting(TableRowCount::sourceRows).containsExactly(1L);
    }

    @Test
    void verify_givesUpAtTheStepDeadline_evenWithLongStatementsAllowed() {
        String s = ReplicatedPair.unique("slower");
        pair.executeOnBoth("CREATE SCHEMA " + s, "CREATE VIEW " + s + ".big AS SELECT 1 AS x FROM pg_sleep(8)");

        assertThatThrownBy(() -> verifierWithQuickStatementTimeouts().verify(
                List.of(RowCountSpec.whole(s + ".big")), Duration.ofSeconds(2)))
                .isInstanceOf(DatabaseStepException.class)
                .hasMessageContaining("row counts");
    }

    @Test
    void verify_countsSeveralTablesAtOnce_eachOnItsOwnConnection() {
        // GIVEN four "tables" whose count logs the backend counting it and when, then takes 2 s
        String s = ReplicatedPair.unique("many");
        pair.executeOnBoth("CREATE SCHEMA " + s,
                // unlogged: left out of the publication, so each side's log holds only its own counts
                "CREATE UNLOGGED TABLE " + s + ".counted (tbl text, pid int, started timestamptz, ended timestamptz)",
                "CREATE FUNCTION " + s + ".counting(tbl text) RETURNS SETOF int LANGUAGE plpgsql AS $$ "
                        + "DECLARE t0 timestamptz := clock_timestamp(); BEGIN PERFORM pg_sleep(2); "
                        + "INSERT INTO " + s + ".counted VALUES (tbl, pg_backend_pid(), t0, clock_timestamp()); "
                        + "RETURN NEXT 1; END $$",
                "CREATE VIEW " + s + ".t1 AS SELECT * FROM " + s + ".counting('t1')",
                "CREATE VIEW " + s + ".t2 AS SELECT * FROM " + s + ".counting('t2')",
                "CREATE VIEW " + s + ".t3 AS SELECT * FROM " + s + ".counting('t3')",
                "CREATE VIEW " + s + ".t4 AS SELECT * FROM " + s + ".counting('t4')");

        // WHEN the four are counted with four connections per side
        RowCountReport report = new PgRowCountVerifier(pair.sourceAdmin(), pair.targetAdmin(), 4).verify(
                List.of(RowCountSpec.whole(s + ".t1"), RowCountSpec.whole(s + ".t2"), RowCountSpec.whole(s + ".t3"),
                        RowCountSpec.whole(s + ".t4")), TIMEOUT);

        // THEN each side counted them on four backends at once: every count began before any had ended
        assertThat(report.allMatch()).as(String.valueOf(report.mismatches())).isTrue();
        assertThat(report.tables()).extracting(TableRowCount::table)
                .containsExactly(s + ".t1", s + ".t2", s + ".t3", s + ".t4");
        for (String side : List.of("source", "target")) {
            String distinctBackends = "SELECT count(DISTINCT pid) FROM " + s + ".counted";
            String overlapping = "SELECT (max(started) < min(ended))::int FROM " + s + ".counted";
            long backends = side.equals("source") ? pair.querySource(distinctBackends) : pair.queryTarget(distinctBackends);
            long allAtOnce = side.equals("source") ? pair.querySource(overlapping) : pair.queryTarget(overlapping);
            assertThat(backends).as(side + " backends").isEqualTo(4);
            assertThat(allAtOnce).as(side + ": all four counts running at once").isEqualTo(1);
        }
    }
}
