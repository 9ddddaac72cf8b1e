package io.cutover.core.port.db;

import java.util.Objects;

/**
 * One native subscription on the target: {@code pg_subscription} joined with the apply worker's row of
 * {@code pg_stat_subscription}. The worker fields are null when no apply worker runs (disabled or crashed).
 *
 * @param subscriptionName     the subscription
 * @param slotName             {@code subslotname}: the slot it streams from on the source (null after {@code slot_name = NONE})
 * @param enabled              {@code subenabled}
 * @param workerRunning        an apply worker is running
 * @param receivedLsn          last WAL position received
 * @param latestEndLsn         last WAL position reported back to the source
 * @param lastMessageAgeMillis server-side {@code now() - last_msg_receipt_time}
 */
public record SubscriptionStatus(
        String subscriptionName,
        String slotName,
        boolean enabled,
        boolean workerRunning,
        String receivedLsn,
        String latestEndLsn,
        Long lastMessageAgeMillis) {
    public SubscriptionStatus {
        Objects.requireNonNull(subscriptionName, "subscriptionName");
    }
}
