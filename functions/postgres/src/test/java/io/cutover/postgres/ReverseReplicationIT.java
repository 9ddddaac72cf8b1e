package io.cutover.postgres;

import io.cutover.core.port.db.CleanupOutcome;
import io.cutover.core.port.db.CleanupReport;
import io.cutover.core.port.db.CleanupRequest;
import io.cutover.core.port.db.CleanupStep;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.port.db.ReverseReplicationRefusedException;
import io.cutover.core.port.db.ReverseReplicationReport;
import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.testing.Await;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One pair per test: starting the reverse replication stops the forward one for good. */
@Timeout(180)
class ReverseReplicationIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NAME = ReverseReplicationRequest.objectName("orders-2026");

    private ReplicatedPair pair;
    private String table;

    private void startPair() {
        pair = ReplicatedPair.start();
        table = pair.createLoadTable("reverse_writes");
    }

    private ReverseReplicationRequest request(List<String> fencedRoles) {
        String conninfo = pair.targetAdmin().libpqConninfo();
        return new ReverseReplicationRequest(List.of(ReplicatedPair.SUBSCRIPTION), NAME, NAME, NAME, conninfo,
                fencedRoles);
    }

    private PgReverseReplication reverse() {
        return new PgReverseReplication(pair.sourceAdmin(), pair.targetAdmin());
    }

    @Test
    void start_stopsForwardFirst_thenCarriesEveryTargetWriteBackToTheSource_andDrainsToTheTargetPosition() {
        startPair();
        try {
            // GIVEN rows written on the source and replicated forward
            pair.executeOnSource("INSERT INTO " + table + " (payload) SELECT 'before-' || g FROM generate_series(1, 5) g");
            pair.awaitCaughtUp(TIMEOUT);
            assertThat(pair.queryTarget("SELECT count(*) FROM " + table)).isEqualTo(5);

            // WHEN the reverse replication starts
            ReverseReplicationReport report = reverse().start(request(List.of("app")), TIMEOUT);

            // THEN forward replication is stopped: its apply worker is gone and a source write no longer arrives
            assertThat(report.forwardStopped()).containsExactly(ReplicatedPair.SUBSCRIPTION);
            assertThat(pair.queryTarget("SELECT count(*) FROM pg_stat_subscription WHERE subname = '"
                    + ReplicatedPair.SUBSCRIPTION + "' AND pid IS NOT NULL")).isZero();
            assertThat(report.tables()).containsExactly(table);
            assertThat(report.slotStartLsn()).matches("[0-9A-F]+/[0-9A-F]+");
            // origin = none exists from PostgreSQL 16 on, on both ends (the PG 14 pass of ./build test runs without)
            boolean both16 = pair.querySource("SELECT current_setting('server_version_num')::int") >= 160000
                    && pair.queryTarget("SELECT current_setting('server_version_num')::int") >= 160000;
            assertThat(report.originNone()).isEqualTo(both16);
            assertThat(report.owner()).isEqualTo(EmbeddedPostgresServer.SUPERUSER);
            assertThat(report.created()).hasSize(3);
            // suborigin exists from PostgreSQL 16 on
            boolean source16 = pair.querySource("SELECT current_setting('server_version_num')::int") >= 160000;
            assertThat(pair.sourceStrings("SELECT subname || ' ' || subenabled" + (source16 ? " || ' ' || suborigin"
                    : "") + " FROM pg_subscription WHERE subname = '" + NAME + "'"))
                    .containsExactly(NAME + " true" + (!source16 ? "" : both16 ? " none" : " any"));

            // AND every write the target takes from then on comes back to the source, the rows already there not again
            pair.executeOnTarget("SELECT setval('" + table + "_id_seq', 1000)",
                    "INSERT INTO " + table + " (payload) SELECT 'target-' || g FROM generate_series(1, 120) g");
            String targetPosition = pair.targetStrings("SELECT pg_current_wal_lsn()::text").getFirst();
            DrainReport drained = new PgReplicationDrain(pair.targetAdmin(), pair.sourceAdmin())
                    .drainNative(targetPosition, List.of(NAME), TIMEOUT, Duration.ofMillis(100));
            assertThat(drained.drained()).as(drained.detail()).isTrue();
            Await.until(TIMEOUT, "the target's writes on the source", () -> pair.querySource(
                    "SELECT count(*) FROM " + table + " WHERE payload LIKE 'target-%'") == 120);
            assertThat(pair.querySource("SELECT count(*) FROM " + table)).isEqualTo(125);
            assertThat(pair.idsOnSource(table)).isEqualTo(pair.idsOnTarget(table));

            // AND a repeated start creates nothing and keeps the slot's start
            ReverseReplicationReport again = reverse().start(request(List.of("app")), TIMEOUT);
            assertThat(again.created()).isEmpty();

            // AND stopping it, then the cleanup with the sides swapped, removes slot, publication and subscription
            assertThat(reverse().stop(NAME, TIMEOUT)).isTrue();
            CleanupReport cleanup = new PgReplicationCleanup(pair.targetAdmin(), pair.sourceAdmin())
                    .cleanup(new CleanupRequest(List.of(NAME), List.of(NAME), List.of(NAME)), TIMEOUT);
            assertThat(cleanup.complete()).as(cleanup.steps().toString()).isTrue();
            assertThat(cleanup.steps()).extracting(CleanupStep::outcome).doesNotContain(CleanupOutcome.FAILED);
            assertThat(pair.querySource("SELECT count(*) FROM pg_subscription WHERE subname = '" + NAME + "'")).isZero();
            assertThat(pair.queryTarget("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + NAME + "'"))
                    .isZero();
            assertThat(pair.queryTarget("SELECT count(*) FROM pg_publication WHERE pubname = '" + NAME + "'")).isZero();
            assertThat(reverse().stop(NAME, TIMEOUT)).isFalse();
        } finally {
            pair.close();
        }
    }

    @Test
    void aSlotPreparedBeforeTheFence_isUsedByTheStart_andTheForwardChangesAppliedSinceAreNotSentBack() {
        startPair();
        try {
            boolean both16 = pair.querySource("SELECT current_setting('server_version_num')::int") >= 160000
                    && pair.queryTarget("SELECT current_setting('server_version_num')::int") >= 160000;
            // WHEN the publication and slot are prepared while forward replication still runs
            PgReverseReplication.Prepared prepared = reverse().prepare(request(List.of("app")), TIMEOUT);
            if (!both16) {
                // (the PG 14 pass of ./build test) the slot must wait for forward replication to stop: nothing made
                assertThat(prepared.prepared()).isFalse();
                assertThat(prepared.reason()).contains("PostgreSQL 16");
                assertThat(pair.queryTarget("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + NAME
                        + "'")).isZero();
                return;
            }
            assertThat(prepared.prepared()).isTrue();
            assertThat(prepared.created()).hasSize(2);
            assertThat(reverse().prepare(request(List.of("app")), TIMEOUT).created()).as("idempotent").isEmpty();
            // AND the source goes on writing, replicated forward past the slot's start
            pair.executeOnSource("INSERT INTO " + table + " (payload) SELECT 'forward-' || g FROM generate_series(1, 7) g");
            pair.awaitCaughtUp(TIMEOUT);

            // THEN the start creates only the subscription, with origin = none
            ReverseReplicationReport report = reverse().start(request(List.of("app")), TIMEOUT);
            assertThat(report.created()).singleElement().asString().startsWith("subscription");
            assertThat(report.originNone()).isTrue();
            // AND a target write comes back once, the forward-applied rows not again (a second copy would stop the
            // reverse apply worker on the primary key)
            pair.executeOnTarget("SELECT setval('" + table + "_id_seq', 1000)",
                    "INSERT INTO " + table + " (payload) VALUES ('target-1')");
            String targetPosition = pair.targetStrings("SELECT pg_current_wal_lsn()::text").getFirst();
            DrainReport drained = new PgReplicationDrain(pair.targetAdmin(), pair.sourceAdmin())
                    .drainNative(targetPosition, List.of(NAME), TIMEOUT, Duration.ofMillis(20));
            assertThat(drained.drained()).as(drained.detail()).isTrue();
            Await.until(TIMEOUT, "the target's write on the source", () -> pair.querySource(
                    "SELECT count(*) FROM " + table + " WHERE payload = 'target-1'") == 1);
            assertThat(pair.querySource("SELECT count(*) FROM " + table)).isEqualTo(8);
            assertThat(pair.querySource("SELECT count(*) FROM pg_stat_subscription WHERE subname = '" + NAME
                    + "' AND pid IS NOT NULL")).as("the reverse apply worker still runs").isEqualTo(1);
        } finally {
            pair.close();
        }
    }

    @Test
    void objectName_isOneLowerCaseIdentifierPerMigration() {
        assertThat(NAME).isEqualTo("cutover_reverse_orders_2026");
    }

    @Test
    void start_refusesAnOwnerTheFenceWouldMakeReadOnly_beforeCreatingTheSubscription() {
        startPair();
        try {
            // GIVEN the source login is (wrongly) among the roles the fence makes read-only
            // WHEN the reverse replication starts
            // THEN it is refused, and no subscription exists on the source to apply nothing
            assertThatThrownBy(() -> reverse().start(request(List.of(EmbeddedPostgresServer.SUPERUSER)), TIMEOUT))
                    .isInstanceOf(ReverseReplicationRefusedException.class)
                    .hasMessageContaining("fenced application role");
            assertThat(pair.querySource("SELECT count(*) FROM pg_subscription WHERE subname = '" + NAME + "'")).isZero();
        } finally {
            pair.close();
        }
    }
}
