package io.cutover.postgres;

import io.cutover.core.port.db.NativeReplicationStatus;
import io.cutover.core.port.db.ReplicationSlotStatus;
import io.cutover.core.port.db.SubscriptionStatus;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads native logical replication state: {@code pg_replication_slots} on the source and
 * {@code pg_subscription}/{@code pg_stat_subscription} on the target.
 */
public final class PgNativeReplicationProbe {
    private static final String STEP = "native replication probe";

    private final JdbcConnections source;
    private final JdbcConnections target;

    public PgNativeReplicationProbe(JdbcConnections source, JdbcConnections target) {
        this.source = source;
        this.target = target;
    }

    /**
     * @param slotNames         slots to read; empty = every logical slot of the source database
     * @param subscriptionNames subscriptions to read; empty = every subscription of the target database
     * @param timeout           the whole probe, both databases, must finish within this
     * @throws io.cutover.core.port.db.DatabaseStepException when either database cannot be read in time
     */
    public NativeReplicationStatus probe(List<String> slotNames, List<String> subscriptionNames, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        SlotReading slots;
        try (DbSession db = DbSession.open(source, deadline, STEP)) {
            slots = readSlots(db, slotNames);
        }
        List<SubscriptionStatus> subscriptions;
        try (DbSession db = DbSession.open(target, deadline, STEP)) {
            subscriptions = readSubscriptions(db, subscriptionNames);
        }
        return new NativeReplicationStatus(slots.measuredAt(), slots.slots(), subscriptions,
                missing(slotNames, slots.slots().stream().map(ReplicationSlotStatus::slotName).toList()),
                missing(subscriptionNames, subscriptions.stream().map(SubscriptionStatus::subscriptionName).toList()));
    }

    record SlotReading(String measuredAt, List<ReplicationSlotStatus> slots) {
    }

    static SlotReading readSlots(DbSession db, List<String> slotNames) {
        boolean hasInactiveSince = ServerVersion.of(db) >= ServerVersion.PG17;
        String inactiveSince = hasInactiveSince ? "inactive_since" : "NULL::timestamptz";
        // Named slots are looked up anywhere (a DMS slot may sit in another database); otherwise the
        // logical slots of the database this connection is for.
        String filter = slotNames.isEmpty()
                ? "slot_type = 'logical' AND database = current_database()"
                : "slot_name = ANY(?::text[])";
        String sql = """
                SELECT now() AS measured_at,
                       slot_name, plugin, active,
                       confirmed_flush_lsn::text AS confirmed_flush_lsn,
                       pg_current_wal_lsn()::text AS current_wal_lsn,
                       pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag_bytes,
                       %1$s AS inactive_since,
                       CASE WHEN active THEN 0
                            ELSE (extract(epoch FROM (now() - %1$s)) * 1000)::bigint END AS inactive_for_millis,
                       wal_status
                  FROM pg_replication_slots
                 WHERE %2$s
                 ORDER BY slot_name
                """.formatted(inactiveSince, filter);
        Object[] params = slotNames.isEmpty() ? new Object[0] : new Object[] {slotNames};
        String[] measuredAt = new String[1];
        List<ReplicationSlotStatus> slots = db.list("reading replication slots", sql, rs -> {
            measuredAt[0] = DbSession.iso(rs, "measured_at");
            return new ReplicationSlotStatus(
                    rs.getString("slot_name"),
                    rs.getString("plugin"),
                    rs.getBoolean("active"),
                    rs.getString("confirmed_flush_lsn"),
                    rs.getString("current_wal_lsn"),
                    DbSession.nullableLong(rs, "lag_bytes"),
                    DbSession.iso(rs, "inactive_since"),
                    DbSession.nullableLong(rs, "inactive_for_millis"),
                    rs.getString("wal_status"));
        }, params);
        if (measuredAt[0] == null) {
            measuredAt[0] = db.one("reading the source clock", "SELECT now() AS t", rs -> DbSession.iso(rs, "t"));
        }
        return new SlotReading(measuredAt[0], slots);
    }

    static List<SubscriptionStatus> readSubscriptions(DbSession db, List<String> subscriptionNames) {
        int version = ServerVersion.of(db);
        // Only the leader apply worker describes the subscription; table-sync and parallel-apply workers
        // have rows of their own.
        String applyWorker = version >= ServerVersion.PG17 ? "st.worker_type = 'apply'"
                : version >= ServerVersion.PG16 ? "st.relid IS NULL AND st.leader_pid IS NULL"
                : "st.relid IS NULL";
        String filter = subscriptionNames.isEmpty() ? "" : " AND s.subname = ANY(?::text[])";
        String sql = """
                SELECT s.subname, s.subslotname, s.subenabled,
                       st.pid IS NOT NULL AS worker_running,
                       st.received_lsn::text AS received_lsn,
                       st.latest_end_lsn::text AS latest_end_lsn,
                       (extract(epoch FROM (now() - st.last_msg_receipt_time)) * 1000)::bigint AS last_msg_age_millis
                  FROM pg_subscription s
                  LEFT JOIN pg_stat_subscription st ON st.subid = s.oid AND %s
                 WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())%s
                 ORDER BY s.subname
                """.formatted(applyWorker, filter);
        Object[] params = subscriptionNames.isEmpty() ? new Object[0] : new Object[] {subscriptionNames};
        return db.list("reading subscriptions", sql, rs -> new SubscriptionStatus(
                rs.getString("subname"),
                rs.getString("subslotname"),
                rs.getBoolean("subenabled"),
                rs.getBoolean("worker_running"),
                rs.getString("received_lsn"),
                rs.getString("latest_end_lsn"),
                DbSession.nullableLong(rs, "last_msg_age_millis")), params);
    }

    private static List<String> missing(List<String> requested, List<String> found) {
        Set<String> present = Set.copyOf(found);
        return requested.stream().filter(n -> !present.contains(n)).distinct().collect(Collectors.toList());
    }
}
