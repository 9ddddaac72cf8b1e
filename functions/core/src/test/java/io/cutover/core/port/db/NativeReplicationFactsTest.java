package io.cutover.core.port.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.NativeLadder;
import io.cutover.core.readiness.LagSample;
import io.cutover.core.readiness.NativeSlotFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeReplicationFactsTest {
    private static final String AT = "2026-03-01T10:00:00.250+01:00";
    /** Healthy below 1 KiB waiting. */
    private static final NativeLadder LADDER = NativeLadder.defaults();

    private static ReplicationSlotStatus slot(String name, boolean active, Long lagBytes, Long inactiveForMillis) {
        return new ReplicationSlotStatus(name, "pgoutput", active, "0/10", "0/20", lagBytes, null, inactiveForMillis,
                "reserved");
    }

    private static SubscriptionStatus subscription(String slot, boolean enabled, Long lastMessageAgeMillis) {
        return new SubscriptionStatus("sub_" + slot, slot, enabled, enabled, "0/10", "0/10", lastMessageAgeMillis);
    }

    private static NativeSlotFacts only(ReplicationSlotStatus slot, SubscriptionStatus... subscriptions) {
        NativeReplicationStatus status = new NativeReplicationStatus(AT, List.of(slot), List.of(subscriptions),
                List.of(), List.of());
        return NativeReplicationFacts.slotFacts(status, LADDER).getFirst();
    }

    @Test
    void lagSeconds_isTheLastMessageAge_whenBytesWait() {
        NativeSlotFacts facts = only(slot("s", true, 4096L, 0L), subscription("s", true, 2_500L));

        assertThat(facts.lagSeconds()).isEqualTo(2.5);
        assertThat(facts.lagBytes()).isEqualTo(4096);
        assertThat(facts.subscriptionEnabled()).isTrue();
    }

    @Test
    void lagSeconds_isZero_belowTheHealthyBytes_howeverOldTheLastKeepaliveIs() {
        assertThat(only(slot("s", true, 0L, 0L), subscription("s", true, 9_000L)).lagSeconds()).isZero();
        assertThat(only(slot("s", true, LADDER.healthyBytes() - 1, 0L), subscription("s", true, 9_000L)).lagSeconds())
                .isZero();
        assertThat(only(slot("s", true, LADDER.healthyBytes(), 0L), subscription("s", true, 9_000L)).lagSeconds())
                .isEqualTo(9.0);
    }

    @Test
    void aSlotThatNeverConfirmed_hasTheWorstLagBytes_andItsLagSecondsCount() {
        NativeSlotFacts facts = only(slot("s", true, null, 0L), subscription("s", true, 4_000L));

        assertThat(facts.lagBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(facts.lagSeconds()).isEqualTo(4.0);
    }

    @Test
    void withoutAMessageAge_anInactiveSlotsLagSeconds_isHowLongItHasBeenInactive() {
        NativeSlotFacts noSubscription = only(slot("s", false, 100_000L, 90_000L));
        NativeSlotFacts noWorker = only(slot("s", false, 100_000L, 90_000L), subscription("s", false, null));

        assertThat(noSubscription.inactiveFor()).isEqualTo(Duration.ofSeconds(90));
        assertThat(noSubscription.lagSeconds()).isEqualTo(90.0);
        assertThat(noSubscription.subscriptionEnabled()).isNull();
        assertThat(noWorker.lagSeconds()).isEqualTo(90.0);
        assertThat(noWorker.subscriptionEnabled()).isFalse();
    }

    @Test
    void beforePostgres17_anInactiveSlotsDuration_isUnknown_notZero() {
        NativeSlotFacts facts = only(slot("s", false, 100_000L, null));

        assertThat(facts.inactiveFor()).isNull();
        assertThat(facts.lagSeconds()).isZero();
        assertThat(facts.lagBytes()).isEqualTo(100_000L);
    }

    @Test
    void anActiveSlot_isInactiveForZero_whateverTheServerSays() {
        assertThat(only(slot("s", true, 0L, null)).inactiveFor()).isEqualTo(Duration.ZERO);
        assertThat(only(slot("s", true, 0L, 5_000L)).inactiveFor()).isEqualTo(Duration.ZERO);
    }

    @Test
    void negativeServerReadings_areClampedToZero() {
        NativeSlotFacts facts = only(slot("s", true, -16L, 0L), subscription("s", true, -5L));

        assertThat(facts.lagBytes()).isZero();
        assertThat(only(slot("s", true, 4096L, 0L), subscription("s", true, -5L)).lagSeconds()).isZero();
    }

    @Test
    void eachSlot_isMatchedToItsOwnSubscription() {
        NativeReplicationStatus status = new NativeReplicationStatus(AT,
                List.of(slot("a", true, 4096L, 0L), slot("b", true, 4096L, 0L), slot("c", true, 4096L, 0L)),
                List.of(subscription("b", true, 7_000L), subscription("a", true, 1_000L),
                        new SubscriptionStatus("detached", null, true, true, null, null, 60_000L)),
                List.of(), List.of());

        assertThat(NativeReplicationFacts.slotFacts(status, LADDER)).extracting(NativeSlotFacts::lagSeconds)
                .containsExactly(1.0, 7.0, 0.0);
    }

    @Test
    void samples_carryEachFactsLag_atTheSourceServersMeasurementTime() {
        NativeReplicationStatus status = new NativeReplicationStatus(AT,
                List.of(slot("a", true, 4096L, 0L), slot("b", true, 0L, 0L)),
                List.of(subscription("a", true, 2_000L)), List.of(), List.of());
        List<NativeSlotFacts> facts = NativeReplicationFacts.slotFacts(status, LADDER);

        List<LagSample> samples = NativeReplicationFacts.lagSamples(Instant.parse("2026-03-01T09:00:00.250Z"), facts);

        assertThat(samples).extracting(LagSample::sourceId).containsExactly("a", "b");
        assertThat(samples).extracting(LagSample::latencySeconds).containsExactly(2.0, 0.0);
        assertThat(samples).extracting(LagSample::lagBytes).containsExactly(4096L, 0L);
        assertThat(samples).extracting(LagSample::at).containsOnly(Instant.parse("2026-03-01T09:00:00.250Z"));
    }
}
