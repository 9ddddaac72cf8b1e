package io.cutover.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.FenceMode;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.FenceRequest;
import io.cutover.postgres.testing.ReplicatedPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fence watch on a real source: a session that turns the read-only default off and writes is seen. */
@Timeout(120)
class FenceWatchIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static ReplicatedPair pair;
    private static PgFenceWatch watch;
    private static PgSourceFence fence;
    private static PgReplicationSet replicationSet;
    private static String table;
    private String slot;
    private FenceReport fenced;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        watch = new PgFenceWatch(pair.sourceAdmin());
        fence = pair.adapters().sourceFence();
        replicationSet = new PgReplicationSet(pair.sourceAdmin());
        table = pair.createLoadTable("watched_writes");
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @AfterEach
    void dropSlotAndUnfence() {
        if (slot != null) {
            watch.end(slot, TIMEOUT);
        }
        if (fenced != null) {
            fence.unfence(fenced.previousSettings(), TIMEOUT);
        }
    }

    /** Fences the role read-only, starting the watch, as fenceSource does. */
    private String fenceAndWatch(String role) {
        slot = PgFenceWatch.slotName(ReplicatedPair.unique("orders-db"));
        fenced = fence.fence(FenceRequest.of(List.of(role), FenceMode.READ_ONLY, List.of()), List.of(), slot,
                TIMEOUT);
        assertThat(fenced.complete()).as(fenced.error()).isTrue();
        assertThat(pair.querySource("SELECT pg_wal_lsn_diff('" + fenced.fenceLsn() + "', confirmed_flush_lsn)::bigint"
                + " FROM pg_replication_slots WHERE slot_name = '" + slot + "'"))
                .as("the watch decodes from before the fence position").isNotNegative();
        return fenced.fenceLsn();
    }

    private PgFenceWatch.Report check() {
        return watch.changesPastFence(slot, fenced.fenceLsn(), fenced.fencedAt(),
                replicationSet.publicationTables(ReplicatedPair.PUBLICATION, TIMEOUT), 20, TIMEOUT);
    }

    @Test
    void aSessionThatTurnsReadOnlyOffAndWrites_isSeenPastTheFence_namingTheTableAndTheRole() throws SQLException {
        String app = ReplicatedPair.unique("watch_app");
        pair.createAppRole(app);
        fenceAndWatch(app);

        try (Connection bypass = pair.sourceConnection(app); Statement st = bypass.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute("INSERT INTO " + table + " (payload) VALUES ('past the fence')");

            PgFenceWatch.Report report = check();

            assertThat(report.bypassed()).isTrue();
            assertThat(report.changes()).extracting(c -> c.table().toString(), PgFenceWatch.Bypass::action)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(table, "INSERT"));
            assertThat(report.sessions()).singleElement().asString().startsWith(app + " (pid ");
        }
    }

    @Test
    void aReadWriteTransaction_isSeenToo_andPeekingConsumesNothing() throws SQLException {
        String app = ReplicatedPair.unique("watch_rw");
        pair.createAppRole(app);
        fenceAndWatch(app);

        try (Connection bypass = pair.sourceConnection(app); Statement st = bypass.createStatement()) {
            st.execute("BEGIN READ WRITE");
            st.execute("INSERT INTO " + table + " (payload) VALUES ('read write')");
            st.execute("UPDATE " + table + " SET payload = 'changed' WHERE payload = 'read write'");
            st.execute("COMMIT");
        }

        List<PgFenceWatch.Bypass> first = check().changes();
        // the transaction's first change starts exactly at the fence position (pg_current_wal_lsn() is where the next
        // record goes): it counts as past the fence
        assertThat(first).extracting(PgFenceWatch.Bypass::action).containsExactly("INSERT", "UPDATE");
        assertThat(check().changes()).as("a second look sees the same").isEqualTo(first);
    }

    @Test
    void aFenceNobodyWentAround_showsNoChange_evenWithWritesToTablesOutsideTheReplicationSet() {
        String app = ReplicatedPair.unique("watch_quiet");
        pair.createAppRole(app);
        String fenceLsn = fenceAndWatch(app);
        // the cutover login (not fenced) writes a table the check does not watch
        pair.addSchema("CREATE TABLE IF NOT EXISTS public.cutover_scratch (id int PRIMARY KEY)");
        pair.executeOnSource("INSERT INTO public.cutover_scratch VALUES (" + System.nanoTime() % 100000 + ")");

        PgFenceWatch.Report report = watch.changesPastFence(slot, fenceLsn, fenced.fencedAt(),
                List.of(Identifiers.parseQualified(table)), 20, TIMEOUT);

        assertThat(report.bypassed()).isFalse();
        assertThat(report.changes()).isEmpty();
    }

    @Test
    void beginIsIdempotent_andEndDropsTheSlot_afterWhichTheCheckRefusesToVouch() {
        String app = ReplicatedPair.unique("watch_end");
        pair.createAppRole(app);
        fenceAndWatch(app);
        String first = pair.sourceStrings("SELECT confirmed_flush_lsn::text FROM pg_replication_slots"
                + " WHERE slot_name = '" + slot + "'").getFirst();

        watch.begin(slot, TIMEOUT);
        assertThat(pair.sourceStrings("SELECT confirmed_flush_lsn::text FROM pg_replication_slots"
                + " WHERE slot_name = '" + slot + "'")).containsExactly(first);

        assertThat(watch.end(slot, TIMEOUT)).isTrue();
        assertThat(watch.end(slot, TIMEOUT)).isFalse();
        assertThat(pair.querySource("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'"))
                .isZero();
        assertThatThrownBy(this::check).isInstanceOf(DatabaseStepException.class).hasMessageContaining("cannot be"
                + " ruled out");
    }

    @Test
    void slotNames_areValidReplicationSlotNames() {
        assertThat(PgFenceWatch.slotName("Orders-DB.eu")).isEqualTo("cutover_fence_orders_db_eu");
        assertThat(PgFenceWatch.slotName("x".repeat(80))).hasSize(63).matches("[a-z0-9_]+");
    }

    @Test
    void theReplicationSet_isThePublicationsTables_caseKept_withoutDmsOwnTables() {
        pair.addSchema("CREATE SCHEMA IF NOT EXISTS \"Sales\"",
                "CREATE TABLE IF NOT EXISTS \"Sales\".\"Order Lines\" (id int PRIMARY KEY)",
                "CREATE TABLE IF NOT EXISTS public.awsdms_heartbeat (id int PRIMARY KEY)");

        List<Identifiers.QualifiedName> tables = replicationSet.publicationTables(ReplicatedPair.PUBLICATION, TIMEOUT);

        assertThat(tables).contains(new Identifiers.QualifiedName("Sales", "Order Lines"),
                Identifiers.parseQualified(table));
        assertThat(tables).extracting(Identifiers.QualifiedName::name).doesNotContain("awsdms_heartbeat");
        assertThat(replicationSet.publicationTables(null, TIMEOUT)).containsExactlyElementsOf(tables);
        assertThatThrownBy(() -> replicationSet.publicationTables("no_such_pub", TIMEOUT))
                .isInstanceOf(DatabaseStepException.class).hasMessageContaining("no_such_pub");
    }

    @Test
    void parse_readsTestDecodingLines_quotedNamesAndTruncatesOfSeveralTables() {
        assertThat(PgFenceWatch.parse("0/1", "7", "table \"Sales\".\"Order Lines\": INSERT: id[integer]:1"))
                .extracting(b -> b.table().toString(), PgFenceWatch.Bypass::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Sales.Order Lines", "INSERT"));
        assertThat(PgFenceWatch.parse("0/1", "7", "table public.a, public.b: TRUNCATE: (no-flags)"))
                .extracting(b -> b.table().name()).containsExactly("a", "b");
        assertThat(PgFenceWatch.parse("0/1", "7", "BEGIN 7")).isEmpty();
    }
}
