package io.cutover.core.port.db;

import io.cutover.core.readiness.LagSample;
import io.cutover.core.readiness.NativeSlotFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a {@link NativeReplicationStatus} into the facts and samples the readiness evaluator reads. */
public final class NativeReplicationFacts {
    private NativeReplicationFacts() {
    }

    /**
     * One fact per slot. Unknowns are reported as the worst plausible value rather than the best:
     * a slot without a confirmed position has {@link Long#MAX_VALUE} lag bytes.
     * The lag in seconds follows {@link NativeSlotFacts}: 0 when the slot confirmed everything, else the
     * age of the last message its subscription received (or, without a subscription on record, how long
     * the slot has been inactive).
     */
    public static List<NativeSlotFacts> slotFacts(NativeReplicationStatus status) {
        Map<String, SubscriptionStatus> bySlot = subscriptionsBySlot(status);
        return status.slots().stream().map(slot -> {
            SubscriptionStatus subscription = bySlot.get(slot.slotName());
            Duration inactiveFor = slot.active() || slot.inactiveForMillis() == null
                    ? Duration.ZERO
                    : Duration.ofMillis(slot.inactiveForMillis());
            return new NativeSlotFacts(slot.slotName(), slot.active(), lagBytes(slot),
                    lagSeconds(slot, subscription, inactiveFor), inactiveFor,
                    subscription == null ? null : subscription.enabled());
        }).toList();
    }

    /** One sample per slot, timed at the probe's measurement time; latency as in {@link #slotFacts}. */
    public static List<LagSample> lagSamples(NativeReplicationStatus status) {
        Instant at = Instant.parse(status.measuredAt());
        return slotFacts(status).stream()
                .map(f -> new LagSample(f.slotName(), at, f.lagSeconds(), f.lagBytes()))
                .toList();
    }

    private static long lagBytes(ReplicationSlotStatus slot) {
        return slot.lagBytes() == null ? Long.MAX_VALUE : Math.max(0, slot.lagBytes());
    }

    private static double lagSeconds(ReplicationSlotStatus slot, SubscriptionStatus subscription, Duration inactiveFor) {
        if (slot.lagBytes() != null && slot.lagBytes() <= 0) {
            return 0;
        }
        if (subscription != null && subscription.lastMessageAgeMillis() != null) {
            return Math.max(0, subscription.lastMessageAgeMillis()) / 1000.0;
        }
        return inactiveFor.toMillis() / 1000.0;
    }

    private static Map<String, SubscriptionStatus> subscriptionsBySlot(NativeReplicationStatus status) {
        return status.subscriptions().stream()
                .filter(s -> s.slotName() != null)
                .collect(Collectors.toMap(SubscriptionStatus::slotName, Function.identity(), (a, b) -> a));
    }
}
