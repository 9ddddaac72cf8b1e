package io.cutover.postgres;

import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.port.db.DmsTaskControlStatus;
import io.cutover.core.port.db.DrainProgress;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * After the fence: polls until the target has applied everything the source committed before it: slot positions on the source (native) or DMS's
 * control table on the target (DMS). On the deadline the report names each stream that is behind and by how much.
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
                    return new DrainProgress(slot, caughtUp, confirmed, behind, null, null,
                            confirmed == null ? "slot has no confirmed position" : null);
                }, fenceLsn, slotNames).stream()
                .collect(Collectors.toMap(DrainProgress::sourceId, Function.identity()));
        return slotNames.stream()
                .map(name -> found.getOrDefault(name,
                        new DrainProgress(name, false, null, null, null, null, "slot does not exist on the source")))
                .toList();
    }

    /**
     * DMS: drained when, for every task, {@code awsdms_status.source_timestamp_applied} is at or past the fence time,
     * or the task reports no pending change in a status row written after the fence (nothing was committed after the
     * last applied change, so the applied timestamp has nothing to advance to). When {@code incomingChanges} is given
     * (task resource id or ARN → latest {@code CDCIncomingChanges}), a task must also report 0 there.
     *
     * @param fencedAt        {@link io.cutover.core.port.db.FenceReport#fencedAt()}
     * @param taskNames       task resource ids or ARNs
     * @param controlSchema   the tasks' {@code ControlSchema}; null = {@code public}
     * @param incomingChanges optional cross-check; null = not used
     * @param timeout         give up after this (a read already under way may finish a few seconds later); the
     *                        report then says which task is behind by how long
     * @param pollInterval    time between reads
     */
    public DrainReport drainDms(String fencedAt, List<String> taskNames, String controlSchema,
                                Supplier<Map<String, Long>> incomingChanges, Duration timeout, Duration pollInterval) {
        Objects.requireNonNull(fencedAt, "fencedAt");
        if (taskNames.isEmpty()) {
            throw new IllegalArgumentException("drainDms needs at least one task");
        }
        Instant fence = Instant.parse(fencedAt);
        List<String> tasks = taskNames.stream().map(DmsTaskArn::resourceId).distinct().toList();
        Deadline deadline = Deadline.in(timeout);
        try (DbSession db = DbSession.open(target, Deadline.in(timeout.plus(LAST_POLL_GRACE)), STEP)) {
            String schema = PgDmsControlTables.schemaOrPublic(controlSchema);
            Optional<Supplier<List<DmsTaskControlStatus>>> statusRows = PgDmsControlTables.statusRows(db, schema, tasks);
            if (statusRows.isEmpty()) {
                List<DrainProgress> none = tasks.stream().map(t -> new DrainProgress(t, false, null, null, null,
                        null, "no awsdms_status table in schema " + schema)).toList();
                return new DrainReport("dms", false, fencedAt, deadline.elapsedMillis(), 1, none,
                        "cannot drain: awsdms_status does not exist in schema " + schema
                                + " (enable StatusTableEnabled in the task settings)");
            }
            int polls = 0;
            while (true) {
                List<DmsTaskControlStatus> rows = statusRows.get().get();
                Map<String, Long> incoming = incomingChanges == null ? null : byResourceId(incomingChanges.get());
                polls++;
                List<DrainProgress> streams = dmsProgress(fence, tasks, rows, incoming);
                if (streams.stream().allMatch(DrainProgress::caughtUp)) {
                    return new DrainReport("dms", true, fencedAt, deadline.elapsedMillis(), polls, streams, null);
                }
                if (deadline.remainingMillis() <= 0) {
                    return new DrainReport("dms", false, fencedAt, deadline.elapsedMillis(), polls, streams,
                            behind("fence time " + fencedAt, streams, false, deadline));
                }
                deadline.pause(pollInterval, DbSession.INTERRUPTED);
            }
        }
    }

    static List<DrainProgress> dmsProgress(Instant fence, List<String> tasks, List<DmsTaskControlStatus> statusRows,
                                           Map<String, Long> incoming) {
        Map<String, DmsTaskControlStatus> rows = statusRows.stream()
                .collect(Collectors.toMap(DmsTaskControlStatus::taskName, Function.identity(), (a, b) -> a));
        List<DrainProgress> out = new ArrayList<>();
        for (String task : tasks) {
            DmsTaskControlStatus row = rows.get(task);
            Long changes = incoming == null ? null : incoming.get(task);
            if (row == null) {
                out.add(new DrainProgress(task, false, null, null, null, changes, "no awsdms_status row for the task"));
                continue;
            }
            Instant applied = row.sourceTimestampApplied() == null ? null : Instant.parse(row.sourceTimestampApplied());
            Instant statusTime = row.statusTime() == null ? null : Instant.parse(row.statusTime());
            Long behindMillis = applied == null ? null : Math.max(0, fence.toEpochMilli() - applied.toEpochMilli());
            boolean appliedPastFence = applied != null && !applied.isBefore(fence);
            boolean idleAfterFence = statusTime != null && statusTime.isAfter(fence)
                    && row.pendingChanges() != null && row.pendingChanges() == 0;
            boolean incomingOk = incoming == null || (changes != null && changes == 0);
            String note;
            if (!incomingOk) {
                note = changes == null ? "no CDCIncomingChanges value for the task"
                        : changes + " incoming change(s) not yet applied (CDCIncomingChanges)";
            } else if (appliedPastFence) {
                note = "applied past the fence time";
            } else if (idleAfterFence) {
                note = "no pending change in a status row written after the fence";
            } else {
                note = "applied up to " + row.sourceTimestampApplied() + ", pending changes " + row.pendingChanges()
                        + ", status written " + row.statusTime();
            }
            boolean caughtUp = incomingOk && (appliedPastFence || idleAfterFence);
            out.add(new DrainProgress(task, caughtUp, row.sourceTimestampApplied(), null,
                    caughtUp ? Long.valueOf(0) : behindMillis, changes, note));
        }
        return out;
    }

    private static Map<String, Long> byResourceId(Map<String, Long> incoming) {
        Map<String, Long> out = new HashMap<>();
        if (incoming != null) {
            incoming.forEach((k, v) -> out.put(DmsTaskArn.resourceId(k), v));
        }
        return out;
    }

    private static String behind(String fencePoint, List<DrainProgress> streams, boolean missing, Deadline deadline) {
        String laggards = streams.stream().filter(p -> !p.caughtUp()).map(p -> {
            String by = p.behindBytes() != null ? p.behindBytes() + " bytes"
                    : p.behindMillis() != null ? p.behindMillis() + " ms" : "an unknown amount";
            return p.sourceId() + " is behind by " + by + (p.note() == null ? "" : " (" + p.note() + ")");
        }).collect(Collectors.joining("; "));
        return (missing ? "cannot drain to " : "not drained to ") + fencePoint
                + (missing ? "" : " after " + deadline.elapsedMillis() + " ms") + ": " + laggards;
    }
}
