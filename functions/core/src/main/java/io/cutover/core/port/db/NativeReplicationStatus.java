package io.cutover.core.port.db;

import java.util.List;
import java.util.Objects;

/**
 * Everything the native probe saw in one pass: the slots on the source and the subscriptions on the
 * target. Requested slots or subscriptions that do not exist are listed, not skipped: a dropped slot is a
 * hard failure for readiness, not an absent sample.
 *
 * @param measuredAt    source server time of the slot reading (ISO-8601)
 * @param slots         slots read on the source
 * @param subscriptions subscriptions read on the target (empty when the target was not asked)
 * @param missingSlots  requested slot names the source does not have
 * @param missingSubscriptions requested subscription names the target does not have
 */
public record NativeReplicationStatus(
        String measuredAt,
        List<ReplicationSlotStatus> slots,
        List<SubscriptionStatus> subscriptions,
        List<String> missingSlots,
        List<String> missingSubscriptions) {
    public NativeReplicationStatus {
        Objects.requireNonNull(measuredAt, "measuredAt");
        slots = slots == null ? List.of() : List.copyOf(slots);
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        missingSlots = missingSlots == null ? List.of() : List.copyOf(missingSlots);
        missingSubscriptions = missingSubscriptions == null ? List.of() : List.copyOf(missingSubscriptions);
    }
}
