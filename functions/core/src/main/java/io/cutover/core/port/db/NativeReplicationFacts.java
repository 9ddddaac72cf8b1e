package io.cutover.core.port.db;

import io.cutover.core.config.NativeLadder;
import io.cutover.core.readiness.LagSample;
import io.cutover.core.readiness.NativeSlotFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a {@link NativeReplicationStatus} into the facts and samples the readiness evaluator reads. The functions
 * and the tests use this one rule, so what the tests prove is what runs.
 */
public final class NativeReplicationFacts {
    private NativeReplicationFacts() {
    }

    /**
     * One fact per slot.
     * <ul>
     *   <li>Lag bytes: a slot without a confirmed position reads {@link Long#MAX_VALUE}, the worst case, never 0.</li>
     *   <li>Lag seconds: 0 while fewer than the ladder's healthy bytes wait, because an idle subscription's last
     *   message is only a keepalive and its age says nothing about lag. Once bytes wait: the age of the last message
     *   the subscription received; without one (no subscription on record, or no apply worker), how long the slot
     *   has been inactive, where the server says; else 0, and the lag bytes and the active check decide.</li>
     *   <li>Inactive for: zero while active; null when the server cannot say (before PostgreSQL 17).</li>
     * </ul>
     */
    public static List<NativeSlotFacts> slotFacts(NativeReplicationStatus status, NativeLadder ladder) {
        return status.slots().stream().map(slot -> {
            SubscriptionStatus subscription = subscriptionOf(status, slot.slotName());
            Duration inactiveFor = slot.active() ? Duration.ZERO
                    : slot.inactiveForMillis() == null ? null : Duration.ofMillis(Math.max(0, slot.inactiveForMillis()));
            long lagBytes = slot.lagBytes() == null ? Long.MAX_VALUE : Math.max(0, slot.lagBytes());
            return new NativeSlotFacts(slot.slotName(), slot.active(), lagBytes,
                    lagSeconds(lagBytes, ladder, subscription, inactiveFor), inactiveFor,
                    subscription == null ? null : subscription.enabled());
        }).toList();
    }

    /**
     * One sample per fact, all timed at {@code at}. The caller's clock, not the database server's: samples from
     * every poll are compared by age on that one clock, and a server clock running ahead would make them look
     * "from the future".
     */
    public static List<LagSample> lagSamples(Instant at, List<NativeSlotFacts> facts) {
        return facts.stream().map(f -> new LagSample(f.slotName(), at, f.lagSeconds(), f.lagBytes())).toList();
    }

    private static double lagSeconds(long lagBytes, NativeLadder ladder, SubscriptionStatus subscription,
                                     Duration inactiveFor) {
        if (lagBytes < ladder.healthyBytes()) {
            return 0;
        }
        if (subscription != null && subscription.lastMessageAgeMillis() != null) {
            return Math.max(0, subscription.lastMessageAgeMillis()) / 1000.0;
        }
        return inactiveFor == null ? 0 : inactiveFor.toMillis() / 1000.0;
    }

    private static SubscriptionStatus subscriptionOf(NativeReplicationStatus status, String slotName) {
        return status.subscriptions().stream().filter(s -> slotName.equals(s.slotName())).findFirst().orElse(null);
    }
}
