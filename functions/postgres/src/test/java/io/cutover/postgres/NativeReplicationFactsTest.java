package io.cutover.postgres;

import io.cutover.core.port.db.NativeReplicationFacts;
import io.cutover.core.port.db.NativeReplicationStatus;
import io.cutover.core.port.db.ReplicationSlotStatus;
import io.cutover.core.port.db.SubscriptionStatus;
import io.cutover.core.readiness.NativeSlotFacts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NativeReplicationFactsTest {
    private static final String AT = "2026-03-01T10:00:00Z";

    private static ReplicationSlotStatus slot(String name, boolean active, Long lagBytes, Long inactiveForMillis) {
        return new ReplicationSlotStatus(name, "pgoutput", active, "0/10", "0/20", lagBytes, null, inactiveForMillis,
                "reserved");
    }

    @Test
    void lagSeconds_isTheSubscriptionsLastMessageAge_whileBehind_andZeroWhenCaughtUp() {
        NativeReplicationStatus status = new NativeReplicationStatus(AT,
                List.of(slot("behind", true, 4096L, 0L), slot("caught_up", true, 0L, 0L)),
                List.of(new SubscriptionStatus("sub1", "behind", true, true, "0/10", "0/10", 2_500L),
                        new SubscriptionStatus("sub2", "caught_up", true, true, "0/20", "0/20", 9_000L)),
                List.of(), List.of());

        List<NativeSlotFacts> facts = NativeReplicationFacts.slotFacts(status);

        assertThat(facts.get(0).lagSeconds()).isEqualTo(2.5);
        assertThat(facts.get(0).lagBytes()).isEqualTo(4096);
        assertThat(facts.get(1).lagSeconds()).isZero();
        assertThat(facts).allSatisfy(f -> assertThat(f.subscriptionEnabled()).isTrue());
    }

    @Test
    void unknowns_readAsTheWorstCase_notAsHealthy() {
        NativeReplicationStatus status = new NativeReplicationStatus(AT,
                List.of(slot("never_confirmed", true, null, 0L), slot("dms_slot", false, 100L, 90_000L)),
                List.of(), List.of(), List.of());

        List<NativeSlotFacts> facts = NativeReplicationFacts.slotFacts(status);

        assertThat(facts.get(0).lagBytes()).isEqualTo(Long.MAX_VALUE);
        // without a subscription on record, an inactive slot's latency is how long it has been inactive
        assertThat(facts.get(1).inactiveFor()).isEqualTo(Duration.ofSeconds(90));
        assertThat(facts.get(1).lagSeconds()).isEqualTo(90.0);
        assertThat(facts.get(1).subscriptionEnabled()).isNull();
        assertThat(NativeReplicationFacts.lagSamples(status)).extracting(s -> s.at().toString()).containsOnly(AT);
    }
}
