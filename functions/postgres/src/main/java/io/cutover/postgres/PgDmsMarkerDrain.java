package io.cutover.postgres;

import io.cutover.core.port.db.DrainProgress;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The DMS drain: after the fence, one marker transaction is committed on the source into a small table the task's
 * table mappings include; when its row is visible on the target, every source transaction committed before it has
 * been applied.
 *
 * <p>That holds only with transactional apply ({@code TargetMetadata.BatchApplyEnabled} false): "By default, AWS
 * DMS processes changes in a transactional mode, which preserves transactional integrity" and groups whole source
 * transactions, in commit order, into target transactions of {@code MinTransactionSize} changes or
 * {@code CommitTimeout} seconds; batch optimized apply is for those who "can afford temporary lapses in
 * transactional integrity" (DMS User Guide, "Change processing tuning settings",
 * docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TaskSettings.ChangeProcessingTuning.html;
 * and "Target metadata task settings"), so there the marker proves nothing and the cutover refuses batch apply at
 * preflight. Neither {@code awsdms_status.pending_changes} (it counts only changes DMS has already read) nor a
 * CloudWatch datapoint (published per minute, older than the fence) proves that the fence position is applied, so
 * neither is used here.
 */
public final class PgDmsMarkerDrain {
    /** The marker table, in the task's control schema on both sides; the CDK task mappings include it. */
    public static final String TABLE = io.cutover.core.config.DmsTaskSettings.DRAIN_MARKER_TABLE;
    private static final String STEP = "drain";

    private final JdbcConnections source;
    private final JdbcConnections target;

    public PgDmsMarkerDrain(JdbcConnections source, JdbcConnections target) {
        this.source = source;
        this.target = target;
    }

    /** Creates the marker table on both sides where missing (idempotent); DMS applies into the target's copy. */
    public void ensureTable(String schema, Duration timeout) {
        for (JdbcConnections side : List.of(source, target)) {
            try (DbSession db = DbSession.open(side, Deadline.in(timeout), "DMS drain marker")) {
                db.inTransaction("creating " + ref(schema), List.of(
                        "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema),
                        "CREATE TABLE IF NOT EXISTS " + ref(schema) + " (nonce uuid PRIMARY KEY,"
                                + " migration_id text NOT NULL, committed_at timestamptz NOT NULL DEFAULT now())"));
            }
        }
    }

    /**
     * Commits a marker row on the source, then polls the target for it.
     *
     * @param schema       the schema of the marker table (the task's control schema)
     * @param migrationId  written into the row, so an operator reading the table knows whose marker it is
     * @param timeout      give up after this; the report then says the marker was not seen
     * @param pollInterval time between reads of the target
     */
    public DrainReport drain(String schema, String migrationId, Duration timeout, Duration pollInterval) {
        Objects.requireNonNull(migrationId, "migrationId");
        Deadline deadline = Deadline.in(timeout);
        String nonce = UUID.randomUUID().toString();
        String committedAt;
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            // One statement in autocommit: its own source transaction, committed after every fenced one.
            committedAt = db.one("committing the drain marker into " + ref(schema), "INSERT INTO " + ref(schema)
                    + " (nonce, migration_id) VALUES (?::uuid, ?) RETURNING committed_at",
                    rs -> DbSession.iso(rs, "committed_at"), nonce, migrationId);
        }
        String where = "marker " + nonce + " committed at " + committedAt;
        try (DbSession db = DbSession.open(target, Deadline.in(timeout.plus(PgReplicationDrain.LAST_POLL_GRACE)),
                STEP)) {
            int polls = 0;
            while (true) {
                boolean seen = db.one("looking for the drain marker in " + ref(schema), "SELECT EXISTS (SELECT 1 FROM "
                        + ref(schema) + " WHERE nonce = ?::uuid) AS seen", rs -> rs.getBoolean("seen"), nonce);
                polls++;
                if (seen) {
                    return new DrainReport("dms", true, committedAt, deadline.elapsedMillis(), polls,
                            List.of(progress(nonce, true, committedAt, "marker applied on the target")), null);
                }
                if (deadline.remainingMillis() <= 0) {
                    return new DrainReport("dms", false, committedAt, deadline.elapsedMillis(), polls,
                            List.of(progress(nonce, false, committedAt, "marker not on the target")),
                            "not drained: " + where + " is not on the target after " + deadline.elapsedMillis()
                                    + " ms (the task has not applied every change committed before it)");
                }
                deadline.pause(pollInterval, DbSession.INTERRUPTED);
            }
        }
    }

    private static DrainProgress progress(String nonce, boolean seen, String committedAt, String note) {
        return new DrainProgress("marker " + nonce, seen, committedAt, null, note);
    }

    static String ref(String schema) {
        return Identifiers.quote(schema) + "." + Identifiers.quote(TABLE);
    }
}
