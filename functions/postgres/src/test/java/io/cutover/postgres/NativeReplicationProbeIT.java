package io.cutover.postgres;

import io.cutover.core.config.NativeLadder;
import io.cutover.core.port.db.NativeReplicationFacts;
import io.cutover.core.port.db.NativeReplicationStatus;
import io.cutover.core.port.db.ReplicationSlotStatus;
import io.cutover.core.readiness.LagSample;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.postgres.embedded.WriteLoad;
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

@Timeout(120)
class NativeReplicationProbeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static ReplicatedPair pair;
    private static PgNativeReplicationProbe probe;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        probe = pair.adapters().nativeReplicationProbe();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    private static ReplicationSlotStatus slot(NativeReplicationStatus status) {
        return status.slots().stream().filter(s -> s.slotName().equals(ReplicatedPair.SLOT)).findFirst().orElseThrow();
    }

    /** The servers these ITs run on are the PostgreSQL major version the build asked for (see ./build test). */
    @Test
    void bothServers_runTheMajorVersionOfTheConfiguredBinaries() {
        String binaries = System.getProperty("embedded.postgres.binaries.version");
        assertThat(binaries).as("failsafe passes embedded.postgres.binaries.version").isNotBlank();
        long major = Long.parseLong(binaries.substring(0, binaries.indexOf('.')));
        String versionNum = "SELECT current_setting('server_version_num')::int / 10000";
        assertThat(pair.querySource(versionNum)).isEqualTo(major);
        assertThat(pair.queryTarget(versionNum)).isEqualTo(major);
    }

    @Test
    void lag_risesUnderWriteLoad_andFallsBelowOneKilobyte_whenLoadStops() {
        // GIVEN a replicated table and an application writing large batches to it
        String table = pair.createLoadTable(ReplicatedPair.unique("probe_load"));
        String role = ReplicatedPair.unique("probe_app");
        pair.createAppRole(role);

        long maxLag;
        try (WriteLoad load = pair.startLoad(role, table, 2_000, 200, Duration.ZERO)) {
            // WHEN the probe reads the slot while the load runs
            maxLag = Await.value(Duration.ofSeconds(30), "lag above 64 KB under load",
                    () -> slot(probe.probe(List.of(ReplicatedPair.SLOT), List.of(), TIMEOUT)).lagBytes(),
                    lag -> lag != null && lag > 64 * 1024);
            load.stop();
        }

        // THEN lag rose, and once the load stops it falls to at most 1 KB
        assertThat(maxLag).isGreaterThan(64 * 1024);
        NativeReplicationStatus settled = Await.value(Duration.ofSeconds(30), "lag at or below 1 KB after the load",
                () -> probe.probe(List.of(ReplicatedPair.SLOT), List.of(ReplicatedPair.SUBSCRIPTION), TIMEOUT),
                s -> slot(s).lagBytes() != null && slot(s).lagBytes() <= 1024);
        ReplicationSlotStatus s = slot(settled);
        assertThat(s.active()).isTrue();
        assertThat(s.plugin()).isEqualTo("pgoutput");
        assertThat(s.inactiveSince()).isNull();
        assertThat(s.inactiveForMillis()).isZero();
        assertThat(settled.subscriptions()).singleElement().satisfies(sub -> {
            assertThat(sub.subscriptionName()).isEqualTo(ReplicatedPair.SUBSCRIPTION);
            assertThat(sub.slotName()).isEqualTo(ReplicatedPair.SLOT);
            assertThat(sub.enabled()).isTrue();
            assertThat(sub.workerRunning()).isTrue();
            assertThat(sub.receivedLsn()).isNotNull();
        });
        assertThat(pair.querySource("SELECT count(*) FROM " + table))
                .isEqualTo(pair.queryTarget("SELECT count(*) FROM " + table));
    }

    @Test
    void facts_describeAHealthySlot_forTheReadinessEvaluator() {
        // GIVEN a caught-up pair
        pair.awaitCaughtUp(Duration.ofSeconds(30));
        NativeReplicationStatus status = Await.value(Duration.ofSeconds(30), "a probe with zero lag",
                () -> probe.probe(List.of(), List.of(), TIMEOUT), st -> slot(st).lagBytes() == 0);

        // WHEN converted for the readiness evaluator
        List<NativeSlotFacts> facts = NativeReplicationFacts.slotFacts(status, NativeLadder.defaults());
        List<LagSample> samples = NativeReplicationFacts.lagSamples(Instant.parse(status.measuredAt()), facts);

        // THEN the facts carry the slot's state and the subscription's
        assertThat(facts).singleElement().satisfies(f -> {
            assertThat(f.slotName()).isEqualTo(ReplicatedPair.SLOT);
            assertThat(f.active()).isTrue();
            assertThat(f.lagBytes()).isZero();
            assertThat(f.lagSeconds()).isZero();
            assertThat(f.inactiveFor()).isEqualTo(Duration.ZERO);
            assertThat(f.subscriptionEnabled()).isTrue();
        });
        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.sourceId()).isEqualTo(ReplicatedPair.SLOT);
            assertThat(sample.lagBytes()).isZero();
            assertThat(sample.at()).isEqualTo(Instant.parse(status.measuredAt()));
        });
    }

    @Test
    void probe_reportsInactiveSlot_whenSubscriptionIsDisabled_andSinceWhenFromPostgres17() {
        // pg_replication_slots.inactive_since exists from PostgreSQL 17; older sources say inactive, not since when.
        boolean knowsSince = pair.querySource("SELECT current_setting('server_version_num')::int") >= ServerVersion.PG17;
        // GIVEN the subscription is disabled, so its slot has no consumer
        pair.executeOnTarget("ALTER SUBSCRIPTION " + ReplicatedPair.SUBSCRIPTION + " DISABLE");
        try {
            // WHEN probed a little later
            NativeReplicationStatus status = Await.value(TIMEOUT, "the slot to be inactive for 200 ms",
                    () -> probe.probe(List.of(ReplicatedPair.SLOT), List.of(ReplicatedPair.SUBSCRIPTION), TIMEOUT),
                    st -> !slot(st).active() && (!knowsSince
                            || slot(st).inactiveForMillis() != null && slot(st).inactiveForMillis() >= 200));

            // THEN the slot reads inactive (since a known time where the server tells), and the subscription disabled
            assertThat(status.subscriptions()).singleElement().satisfies(sub -> {
                assertThat(sub.enabled()).isFalse();
                assertThat(sub.workerRunning()).isFalse();
            });
            NativeSlotFacts fact = NativeReplicationFacts.slotFacts(status, NativeLadder.defaults()).getFirst();
            assertThat(fact.active()).isFalse();
            assertThat(fact.subscriptionEnabled()).isFalse();
            if (knowsSince) {
                assertThat(slot(status).inactiveSince()).isNotNull();
                assertThat(fact.inactiveFor()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            } else {
                assertThat(slot(status).inactiveSince()).isNull();
                assertThat(slot(status).inactiveForMillis()).isNull();
                assertThat(fact.inactiveFor()).isNull();
            }
        } finally {
            pair.executeOnTarget("ALTER SUBSCRIPTION " + ReplicatedPair.SUBSCRIPTION + " ENABLE");
        }
        Await.until(TIMEOUT, "the slot to be active again",
                () -> slot(probe.probe(List.of(ReplicatedPair.SLOT), List.of(), TIMEOUT)).active());
    }

    @Test
    void probe_listsRequestedSlotsAndSubscriptionsThatDoNotExist() {
        // WHEN asked for names that do not exist
        NativeReplicationStatus status = probe.probe(List.of(ReplicatedPair.SLOT, "no_such_slot"),
                List.of("no_such_subscription"), TIMEOUT);

        // THEN they are listed as missing, not silently dropped
        assertThat(status.slots()).extracting(ReplicationSlotStatus::slotName).containsExactly(ReplicatedPair.SLOT);
        assertThat(status.missingSlots()).containsExactly("no_such_slot");
        assertThat(status.missingSubscriptions()).containsExactly("no_such_subscription");
        assertThat(status.subscriptions()).isEmpty();
    }
}
