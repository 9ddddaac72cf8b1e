package io.cutover.postgres;

import io.cutover.core.port.db.DrainProgress;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * After the fence, native logical replication: polls until the target has applied everything the source committed
 * before it, by the slot positions on the source. On the deadline the report names each slot that is behind and by
 * how much. (DMS drains by a marker transaction instead: {@link PgDmsMarkerDrain}.)
 */
public final class PgReplicationDrain {
    private static final String STEP = "drain";
    /**
     * The wait ends at the timeout; a read that started before it may finish up to this much later, so that the
     * last poll produces a report instead of a deadline error.
     */
    static final Duration LAST_POLL_GRACE = Duration.ofSeconds(5);

    private final JdbcConnections source;
    private final JdbcConnections target;

    public PgReplicationDrain(JdbcConnections source, JdbcConnections target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Native logical replication: drained when every slot's {@code confirmed_flush_lsn} is at or past the fence LSN.
     *
     * @param fenceLsn     {@link io.cutover.core.port.db.FenceReport#fenceLsn()}
     * @param slotNames    the slots feeding the target (at least one)
     * @param timeout      give up after this (a read already under way may finish a few seconds later); the report
     *                     then says which slot is behind by how many bytes
     * @param pollInterval time between reads
     */
    public DrainReport drainNative(String fenceLsn, List<String> slotNames, Duration timeout, Duration pollInterval) {
        Objects.requireNonNull(fenceLsn, "fenceLsn");
        if (slotNames.isEmpty()) {
            throw new IllegalArgumentException("drainNative needs at least one slot name");
        }
        Deadline deadline = Deadline.in(timeout);
        try (DbSession db = DbSession.open(source, Deadline.in(timeout.plus(LAST_POLL_GRACE)), STEP)) {
            int polls = 0;
            while (true) {
                List<DrainProgress> streams = readSlots(db, fenceLsn, slotNames);
                polls++;
                boolean missing = streams.stream().anyMatch(p -> p.position() == null && !p.caughtUp());
                if (streams.stream().allMatch(DrainProgress::caughtUp)) {
                    return new DrainReport("native", true, fenceLsn, deadline.elapsedMillis(), polls, streams, null);
                }
                if (missing || deadline.remainingMillis() <= 0) {
                    return new DrainReport("native", false, fenceLsn, deadline.elapsedMillis(), polls, streams,
                            behind("fence LSN " + fenceLsn, streams, missing, deadline));
                }
                deadline.pause(pollInterval, DbSession.INTERRUPTED);
            }
        }
    }

    private static List<DrainProgress> readSlots(DbSession db, String fenceLsn, List<String> slotNames) {
        Map<String, DrainProgress> found = db.list("reading slot positions", """
                SELECT slot_name, confirmed_flush_lsn::text AS confirmed,
                       greatest(pg_wal_lsn_diff(?::pg_lsn, confirmed_flush_lsn), 0)::bigint AS behind
                  FROM pg_replication_slots WHERE slot_name = ANY(?::text[])
                """, rs -> {
                    String slot = rs.getString("slot_name");
                    String confirmed = rs.getString("confirmed");
                    Long behind = DbSession.nullableLong(rs, "behind");
                    boolean caughtUp = behind != null && behind == 0;
                    return new DrainProgress(slot, caughtUp, confirmed, behind,
                            confirmed == null ? "slot has no confirmed position" : null);
                }, fenceLsn, slotNames).stream()
                .collect(Collectors.toMap(DrainProgress::sourceId, Function.identity()));
        return slotNames.stream()
                .map(name -> found.getOrDefault(name,
                        new DrainProgress(name, false, null, null, "slot does not exist on the source")))
                .toList();
    }

    private static String behind(String fencePoint, List<DrainProgress> streams, boolean missing, Deadline deadline) {
        String laggards = streams.stream().filter(p -> !p.caughtUp()).map(p -> {
            String by = p.behindBytes() != null ? p.behindBytes() + " bytes" : "an unknown amount";
            return p.sourceId() + " is behind by " + by + (p.note() == null ? "" : " (" + p.note() + ")");
        }).collect(Collectors.joining("; "));
        return (missing ? "cannot drain to " : "not drained to ") + fencePoint
                + (missing ? "" : " after " + deadline.elapsedMillis() + " ms") + ": " + laggards;
    }
}
