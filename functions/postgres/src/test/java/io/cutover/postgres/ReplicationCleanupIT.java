package io.cutover.postgres;

import io.cutover.core.port.db.CleanupOutcome;
import io.cutover.core.port.db.CleanupReport;
import io.cutover.core.port.db.CleanupRequest;
import io.cutover.core.port.db.CleanupStep;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@Timeout(120)
class ReplicationCleanupIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static ReplicatedPair pair;
    private static PgReplicationCleanup cleanup;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        cleanup = pair.adapters().replicationCleanup();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void cleanup_dropsSubscriptionThenSlotThenPublication_andASecondRunFindsEverythingGone() {
        // GIVEN a second publication/subscription, and an orphaned slot (e.g. left by a DMS task)
        String table = ReplicatedPair.unique("cleanup_items");
        String publication = ReplicatedPair.unique("cleanup_pub");
        String subscription = ReplicatedPair.unique("cleanup_sub");
        String orphan = ReplicatedPair.unique("orphan_slot");
        pair.executeOnBoth("CREATE SCHEMA " + table, "CREATE TABLE " + table + ".t (id int PRIMARY KEY)");
        pair.executeOnSource("CREATE PUBLICATION " + publication + " FOR TABLE " + table + ".t",
                "SELECT pg_create_logical_replication_slot('" + orphan + "', 'pgoutput')");
        pair.embedded().createSubscription(subscription, publication);
        assertThat(pair.querySource("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + subscription + "'"))
                .isEqualTo(1);
        CleanupRequest request = new CleanupRequest(List.of(subscription), List.of(orphan), List.of(publication));

        // WHEN cleaned up
        CleanupReport report = cleanup.cleanup(request, TIMEOUT);

        // THEN in order: the subscription (taking its slot with it), the orphaned slot, the publication
        assertThat(report.complete()).isTrue();
        assertThat(report.steps()).extracting(CleanupStep::side, CleanupStep::kind, CleanupStep::name, CleanupStep::outcome)
                .containsExactly(
                        tuple("target", "subscription", subscription, CleanupOutcome.DROPPED),
                        tuple("source", "slot", subscription, CleanupOutcome.DROPPED_WITH_SUBSCRIPTION),
                        tuple("source", "slot", orphan, CleanupOutcome.DROPPED),
                        tuple("source", "publication", publication, CleanupOutcome.DROPPED));
        assertThat(pair.queryTarget("SELECT count(*) FROM pg_subscription WHERE subname = '" + subscription + "'")).isZero();
        assertThat(pair.querySource("SELECT count(*) FROM pg_replication_slots WHERE slot_name IN ('"
                + subscription + "', '" + orphan + "')")).isZero();
        assertThat(pair.querySource("SELECT count(*) FROM pg_publication WHERE pubname = '" + publication + "'")).isZero();
        // the main replication is untouched
        assertThat(pair.querySource("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                + ReplicatedPair.SLOT + "'")).isEqualTo(1);

        // AND a second run is harmless: everything is already gone
        CleanupReport again = cleanup.cleanup(request, TIMEOUT);
        assertThat(again.complete()).isTrue();
        assertThat(again.steps()).extracting(CleanupStep::name, CleanupStep::outcome).containsExactly(
                tuple(subscription, CleanupOutcome.ALREADY_ABSENT),
                tuple(orphan, CleanupOutcome.ALREADY_ABSENT),
                tuple(publication, CleanupOutcome.ALREADY_ABSENT));
    }

    @Test
    void cleanup_refusesToDropASlotStillInUse_andSkipsWhatComesAfter() {
        // GIVEN a slot that a live subscription streams from, named as a slot to drop on its own
        String table = ReplicatedPair.unique("cleanup_busy");
        String publication = ReplicatedPair.unique("busy_pub");
        String subscription = ReplicatedPair.unique("busy_sub");
        pair.executeOnBoth("CREATE SCHEMA " + table, "CREATE TABLE " + table + ".t (id int PRIMARY KEY)");
        pair.executeOnSource("CREATE PUBLICATION " + publication + " FOR TABLE " + table + ".t");
        pair.embedded().createSubscription(subscription, publication);
        try {
            // WHEN cleanup is asked to drop the slot but not its subscription
            CleanupReport report = cleanup.cleanup(
                    new CleanupRequest(List.of(), List.of(subscription), List.of(publication)), Duration.ofSeconds(2));

            // THEN the slot step fails, naming the consumer, and the publication is not touched
            assertThat(report.complete()).isFalse();
            assertThat(report.steps()).extracting(CleanupStep::name, CleanupStep::outcome).containsExactly(
                    tuple(subscription, CleanupOutcome.FAILED),
                    tuple(publication, CleanupOutcome.SKIPPED));
            assertThat(report.steps().getFirst().detail()).contains("still in use by process");
            assertThat(pair.querySource("SELECT count(*) FROM pg_publication WHERE pubname = '" + publication + "'"))
                    .isEqualTo(1);
        } finally {
            assertThat(cleanup.cleanup(new CleanupRequest(List.of(subscription), List.of(), List.of(publication)),
                    TIMEOUT).complete()).isTrue();
        }
    }
}
