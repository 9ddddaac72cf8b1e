package io.cutover.postgres;

import io.cutover.core.config.FenceMode;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.FenceRequest;
import io.cutover.postgres.embedded.WriteLoad;
import io.cutover.postgres.testing.Await;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class ReplicationDrainIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static ReplicatedPair pair;
    private static PgSourceFence fence;
    private static PgReplicationDrain drain;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        fence = pair.adapters().sourceFence();
        drain = pair.adapters().replicationDrain();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void drain_afterFenceUnderLoad_leavesNoRowCommittedBeforeTheFenceMissingOnTheTarget() {
        // GIVEN two application roles writing continuously to the source
        String orders = pair.createLoadTable(ReplicatedPair.unique("drain_orders"));
        String events = pair.createLoadTable(ReplicatedPair.unique("drain_events"));
        String app = ReplicatedPair.unique("drain_app");
        String batch = ReplicatedPair.unique("drain_batch");
        pair.createAppRole(app);
        pair.createAppRole(batch);
        try (WriteLoad appLoad = pair.startLoad(app, orders, 200, 100, Duration.ZERO);
             WriteLoad batchLoad = pair.startLoad(batch, events, 50, 500, Duration.ofMillis(2))) {
            Await.until(TIMEOUT, "both loads to commit", () -> appLoad.commits() > 20 && batchLoad.commits() > 20);

            // WHEN both roles are fenced mid-load and the drain waits for the fence LSN
            FenceReport fenced = fence.fence(FenceRequest.of(List.of(app, batch), FenceMode.READ_ONLY, List.of()),
                    List.of(), TIMEOUT);
            assertThat(fenced.complete()).as(fenced.error()).isTrue();
            DrainReport drained = drain.drainNative(fenced.fenceLsn(), List.of(ReplicatedPair.SLOT), TIMEOUT, POLL);

            // THEN the drain reports done, and at that moment every row the source has is on the target
            TreeSet<Long> ordersOnTarget = pair.idsOnTarget(orders);
            TreeSet<Long> eventsOnTarget = pair.idsOnTarget(events);
            assertThat(drained.drained()).as(drained.detail()).isTrue();
            assertThat(drained.kind()).isEqualTo("native");
            assertThat(drained.fencePoint()).isEqualTo(fenced.fenceLsn());
            assertThat(drained.streams()).singleElement().satisfies(s -> {
                assertThat(s.sourceId()).isEqualTo(ReplicatedPair.SLOT);
                assertThat(s.caughtUp()).isTrue();
                assertThat(s.behindBytes()).isZero();
            });
            Await.until(TIMEOUT, "both writers to be refused as read-only after the fence",
                    () -> appLoad.errors("25006") > 0 && batchLoad.errors("25006") > 0);
            WriteLoad.Result appWrites = appLoad.stop();
            WriteLoad.Result batchWrites = batchLoad.stop();
            // their sessions from before the fence were terminated (the server's FATAL, or a dropped socket)
            assertThat(appWrites.errorsBySqlState().keySet()).containsAnyOf("57P01", "08006");
            assertThat(batchWrites.errorsBySqlState().keySet()).containsAnyOf("57P01", "08006");
            assertThat(ordersOnTarget).isEqualTo(pair.idsOnSource(orders)).containsAll(appWrites.acknowledgedIds());
            assertThat(eventsOnTarget).isEqualTo(pair.idsOnSource(events)).containsAll(batchWrites.acknowledgedIds());
            assertThat(appWrites.acknowledgedIds()).hasSizeGreaterThan(20 * 200);
        } finally {
            // leave the roles writable for other tests' sake
            pair.executeOnSource("ALTER ROLE " + app + " RESET default_transaction_read_only",
                    "ALTER ROLE " + batch + " RESET default_transaction_read_only");
        }
    }

    @Test
    void drain_reportsWhichSlotIsBehindAndByHowMuch_whenTheDeadlinePasses() {
        // GIVEN a subscription that stopped applying, and writes after that
        String table = pair.createLoadTable(ReplicatedPair.unique("drain_stuck"));
        pair.executeOnTarget("ALTER SUBSCRIPTION " + ReplicatedPair.SUBSCRIPTION + " DISABLE");
        try {
            pair.executeOnSource("INSERT INTO " + table + " (payload) SELECT repeat('x', 100) FROM generate_series(1, 1000)");
            String lsn = pair.sourceStrings("SELECT pg_current_wal_lsn()::text").getFirst();

            // WHEN the drain waits with a short deadline
            long started = System.nanoTime();
            DrainReport report = drain.drainNative(lsn, List.of(ReplicatedPair.SLOT), Duration.ofSeconds(1), POLL);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // THEN it gives up at the deadline, naming the slot and the bytes it is behind
            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(report.drained()).isFalse();
            assertThat(report.polls()).isGreaterThan(1);
            assertThat(report.streams()).singleElement().satisfies(s -> {
                assertThat(s.caughtUp()).isFalse();
                assertThat(s.behindBytes()).isGreaterThan(100_000);
            });
            long behind = report.streams().getFirst().behindBytes();
            assertThat(report.detail()).contains(ReplicatedPair.SLOT + " is behind by " + behind + " bytes", lsn);
        } finally {
            pair.executeOnTarget("ALTER SUBSCRIPTION " + ReplicatedPair.SUBSCRIPTION + " ENABLE");
        }
        // AND once the subscription runs again it drains
        String lsn = pair.sourceStrings("SELECT pg_current_wal_lsn()::text").getFirst();
        assertThat(drain.drainNative(lsn, List.of(ReplicatedPair.SLOT), TIMEOUT, POLL).drained()).isTrue();
    }

    @Test
    void drain_failsAtOnce_forASlotThatDoesNotExist() {
        String lsn = pair.sourceStrings("SELECT pg_current_wal_lsn()::text").getFirst();

        DrainReport report = drain.drainNative(lsn, List.of(ReplicatedPair.SLOT, "no_such_slot"), TIMEOUT, POLL);

        assertThat(report.drained()).isFalse();
        assertThat(report.polls()).isEqualTo(1);
        assertThat(report.detail()).contains("no_such_slot", "does not exist");
    }
}
