package io.cutover.core.readiness;

import java.time.Duration;
import java.util.Objects;

/**
 * The state of one logical replication slot on the source (and its subscription on the target).
 *
 * @param slotName       the replication slot name
 * @param active         {@code pg_replication_slots.active}
 * @param lagBytes       {@code pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)}
 * @param lagSeconds     age of the last message the subscription received, or 0 when it is caught up
 * @param inactiveFor    how long the slot has been inactive ({@link Duration#ZERO} when active); null when the server
 *                       cannot say (before PostgreSQL 17)
 * @param subscriptionEnabled {@code pg_subscription.subenabled} on the target; null if not checked
 */
public record NativeSlotFacts(
        String slotName, boolean active, long lagBytes, double lagSeconds, Duration inactiveFor,
        Boolean subscriptionEnabled) {
    public NativeSlotFacts {
        Objects.requireNonNull(slotName, "slotName");
        if (active && inactiveFor != null && !inactiveFor.isZero()) {
            throw new IllegalArgumentException("an active slot is inactive for zero, not " + inactiveFor);
        }
    }
}
