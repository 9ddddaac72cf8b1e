package io.cutover.core.port.db;

import java.util.Objects;

/**
 * One logical replication slot on the source, as read from {@code pg_replication_slots}.
 *
 * @param slotName           the slot
 * @param plugin             output plugin ({@code pgoutput} for native subscriptions; DMS uses {@code test_decoding} or {@code pglogical})
 * @param active             a walsender is streaming from it right now
 * @param confirmedFlushLsn  what the consumer confirmed as durably applied; null for a slot that never streamed
 * @param currentWalLsn      {@code pg_current_wal_lsn()} at the same instant
 * @param lagBytes           {@code pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)}; null when {@code confirmedFlushLsn} is null
 * @param inactiveSince      PostgreSQL 17+ {@code inactive_since} (ISO-8601); null when active or on older servers
 * @param inactiveForMillis  server-side {@code now() - inactive_since}; 0 when active, null when unknown (before PostgreSQL 17)
 * @param walStatus          {@code wal_status}: reserved, extended, unreserved or lost (lost = the slot is useless)
 */
public record ReplicationSlotStatus(
        String slotName,
        String plugin,
        boolean active,
        String confirmedFlushLsn,
        String currentWalLsn,
        Long lagBytes,
        String inactiveSince,
        Long inactiveForMillis,
        String walStatus) {
    public ReplicationSlotStatus {
        Objects.requireNonNull(slotName, "slotName");
    }
}
