package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.DmsReadinessProbe;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.rollback.ReverseTaskHealth;
import io.cutover.handlers.app.DatabaseSide.FenceRecord;
import io.cutover.handlers.app.RollbackService.FenceState;
import io.cutover.handlers.errors.FenceIncompleteException;
import io.cutover.handlers.errors.ReverseReplicationUnrecoverableException;
import io.cutover.handlers.errors.ReverseSwitchFailedException;
import io.cutover.handlers.errors.SequenceSyncIncompleteException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database half of a rollback after the writer moved (issue 18): the fenced switch in reverse. The target's
 * application roles are fenced and their sessions ended, the reverse replication drained to the target's fence
 * position, every source sequence set to at least the target's (never backwards). Then the caller unfences the
 * source and moves the records back. Each step is idempotent, so a retried rollback repeats it safely.
 */
public final class ReverseSwitch {
    /** The store document: the reverse replication the switch started; {@code stopped} once the window closed. */
    public static final String REVERSE_REPLICATION = "reverse-replication";
    /**
     * PrepareReverseReplication's intent, written before it creates anything: a rollback before the reverse
     * replication started drops what it may have created (a slot left behind would hold the target's WAL).
     */
    public static final String REVERSE_PREPARED = "reverse-prepared";
    /** The store document: the target's fence of a reverse switch (kept: the old target stays fenced). */
    public static final String TARGET_FENCE = "target-fence";

    /** @param report what startReverseReplication returned */
    public record ReverseReplicationState(JsonNode report, boolean stopped) {
    }

    private final DatabaseSideFactory databases;
    private final DmsReverseReplication dms;
    private final ReplicationTaskControl dmsTasks;
    private final DmsReadinessProbe dmsProbe;

    ReverseSwitch(DatabaseSideFactory databases, ReplicationTaskControl dmsTasks, DmsReadinessProbe dmsProbe) {
        this.databases = databases;
        this.dms = new DmsReverseReplication(dmsTasks);
        this.dmsTasks = dmsTasks;
        this.dmsProbe = dmsProbe;
    }

    /** A reverse replication was started at the switch and still runs: a rollback can carry the target's writes. */
    public static boolean running(CutoverStore store) {
        return store.document(REVERSE_REPLICATION, ReverseReplicationState.class)
                .filter(r -> r.report().path("started").asBoolean(false) && !r.stopped()).isPresent();
    }

    /** @param executionName the execution that prepared; @param at when it began */
    public record ReversePrepared(String executionName, java.time.Instant at) {
    }

    /**
     * A rollback before the reverse replication started, after PrepareReverseReplication: its publication and slot
     * (if it created them) are dropped, the forward subscriptions left running. Null when nothing was prepared.
     */
    ObjectNode dropPrepared(CutoverStore store, CutoverConfig config) {
        if (store.document(REVERSE_PREPARED, ReversePrepared.class).isEmpty() || running(store)) {
            return null;
        }
        ObjectNode report;
        try (DatabaseSide db = databases.open(config)) {
            report = (ObjectNode) db.abandonReverseReplication();
        }
        if (report.path("abandoned").asBoolean(false)) {
            store.deleteDocument(REVERSE_PREPARED);
        }
        return report;
    }

    /**
     * A rollback before the writer moved, after the reverse replication started (the checks between the start and
     * the writer switch, or the switch itself, failed): the reverse replication is removed and forward replication
     * resumes, so the source, primary again, keeps its target in step and the cutover can be tried again.
     */
    ObjectNode abandon(CutoverStore store, CutoverConfig config) {
        ReverseReplicationState started = store.document(REVERSE_REPLICATION, ReverseReplicationState.class)
                .orElseThrow();
        boolean overDms = config.replication().hasDmsReverseTask();
        // Over DMS the reverse task must be at rest before its slot can go, and the forward tasks resume after.
        Map<String, String> reverseTask = overDms ? dms.stopReverse(config) : null;
        ObjectNode report;
        try (DatabaseSide db = databases.open(config)) {
            report = (ObjectNode) db.abandonReverseReplication();
        }
        if (overDms) {
            report.set("reverseTask", DmsReverseReplication.describe(reverseTask));
            if (report.path("abandoned").asBoolean(false)) {
                report.set("forwardTasksResumed", DmsReverseReplication.describe(dms.resumeForward(config)));
            }
        }
        if (report.path("abandoned").asBoolean(false)) {
            store.saveDocument(REVERSE_REPLICATION, new ReverseReplicationState(started.report(), true));
        }
        return report;
    }

    private static void refuseIfNotCarried(ReverseTaskHealth health, String when) {
        if (health.remedy() == ReverseTaskHealth.Remedy.NONE_DOCUMENTED) {
            throw new ReverseReplicationUnrecoverableException("the rollback cannot carry every target write back ("
                    + when + "): " + health.whyNotCarried() + ". Start or recreate the reverse task, or finalize"
                    + " the cutover, then roll back again");
        }
    }

    /**
     * How many row changes came back: the target's row-change counter now (fenced, drained) less its value when the
     * reverse replication started. An upper bound (aborted rows count too); unknown when either was not read or the
     * counters were reset since.
     */
    private static void carriedBack(CutoverStore store, DatabaseSide db, ObjectNode result) {
        JsonNode atStart = store.document(REVERSE_REPLICATION, ReverseReplicationState.class)
                .map(r -> r.report().path(PostgresDatabaseSide.TARGET_ROW_CHANGE_COUNTER))
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        java.util.OptionalLong now = db.targetRowChangeCounter();
        if (atStart.isIntegralNumber() && now.isPresent() && now.getAsLong() >= atStart.asLong()) {
            result.put("rowChangesCarriedBack", now.getAsLong() - atStart.asLong());
            result.put("rowChangesCarriedBackBasis", "the target's pg_stat_user_tables n_tup_ins + n_tup_upd +"
                    + " n_tup_del since the reverse replication started: an upper bound (rows of aborted"
                    + " transactions count too)");
        } else {
            result.putNull("rowChangesCarriedBack");
            result.put("rowChangesCarriedBackBasis", atStart.isIntegralNumber() && now.isPresent()
                    ? "the target's statistics were reset since the reverse replication started"
                    : "the target's row-change counter was not read");
        }
    }

    /**
     * What the copy of left-behind tables may take: the rest of the shortest WorkflowTasks timeout the CDK app allows
     * (drainTimeoutSeconds plus a minute, at most Lambda's 900 s; FunctionsSection) since the rollback began, less
     * this margin for what follows in the same invocation (the sequences, the source's unfence and the records, each
     * well under a second against a responsive server; or, should the copy fail, unfencing the target): a Lambda
     * killed after the target's fence would leave neither side writable.
     */
    static final Duration COPY_MARGIN = Duration.ofSeconds(60);
    private static final String BEFORE_THE_FENCE = "before the target's fence: nothing was changed, the writer stays on"
            + " the target and the source stays fenced";
    private static final long MAX_LAMBDA_SECONDS = 900;

    /** What the steps after the reverse drain need when no table is copied (sequences, unfence, records). */
    private static final Duration AFTER_THE_DRAIN = Duration.ofSeconds(30);

    /**
     * What this invocation may still spend on the reverse drain or the copy: the shortest WorkflowTasks timeout the
     * CDK app allows, less what the rollback spent since {@code began} and what must be kept for the steps after.
     */
    private static Duration left(CutoverConfig config, long began, Duration keep) {
        return Duration.ofSeconds(Math.min(config.drainTimeoutSeconds() + 60L, MAX_LAMBDA_SECONDS))
                .minus(Duration.ofNanos(System.nanoTime() - began)).minus(keep);
    }

    private static Duration positive(Duration left, String what) {
        if (left.isNegative() || left.isZero()) {
            throw new ReverseReplicationUnrecoverableException("no time left in this invocation for " + what
                    + " before the function's timeout");
        }
        return left;
    }

    /**
     * Fence the target, drain the reverse stream, sequences onto the source; the report of the three. Over DMS the
     * reverse task is read first ({@link ReverseTaskProbe}): stopped or failed, it is resumed (resume-processing goes
     * on from where it stopped, so the drain that follows waits for what it had not applied); a task that cannot be
     * resumed refuses the rollback before anything changes. A table it no longer applies or a change it logged as not
     * applied (read again after the drain) is not carried by DMS ({@link ReverseTaskHealth}): those tables are copied
     * from the target onto the source once the target is fenced and the drain is done, in one source transaction,
     * before the sequences, which then see the copied rows.
     */
    ObjectNode carryBack(CutoverStore store, CutoverConfig config) {
        long began = System.nanoTime();
        java.util.TreeSet<String> toCopy = new java.util.TreeSet<>();
        Optional<FenceState> earlier = store.document(TARGET_FENCE, FenceState.class);
        ObjectNode result = Json.MAPPER.createObjectNode();
        boolean overDms = config.replication().hasDmsReverseTask();
        try (DatabaseSide db = databases.open(config)) {
            if (overDms) {
                ReverseTaskHealth before = ReverseTaskProbe.read(config, store, dmsTasks, dmsProbe, db);
                refuseIfNotCarried(before, BEFORE_THE_FENCE);
                result.put("reverseTaskStatus", before.status());
                toCopy.addAll(before.tablesNotCarried());
                List<String> uncopyable = toCopy.isEmpty() ? List.of() : db.tableCopyProblems(List.copyOf(toCopy));
                if (!uncopyable.isEmpty()) {
                    throw new ReverseReplicationUnrecoverableException("the rollback cannot carry every target write"
                            + " back (" + BEFORE_THE_FENCE + "): the reverse DMS task left " + toCopy + " behind and "
                            + String.join("; ", uncopyable) + ". Repair those tables on the source from the target"
                            + " by hand (or finalize the cutover), then roll back again");
                }
                if (before.resumes()) {
                    result.set("reverseTaskResumed", DmsReverseReplication.describe(dms.resumeReverse(config)));
                }
            }
            // The old target stays fenced after the rollback; its roles' earlier settings are kept for whoever
            // reopens it. A repeated rollback passes the first record on, as a second forward fence does.
            FenceRecord previous = earlier.map(FenceState::record).orElse(null);
            FenceRecord fence = db.fenceTarget(previous);
            store.saveDocument(TARGET_FENCE, new FenceState(fence, false));
            if (!fence.complete()) {
                throw new FenceIncompleteException("target fence incomplete, the source stays fenced: " + fence.error());
            }
            long drainMillis;
            JsonNode sequences;
            try {
                // Bounded by what the invocation has left as well: a resume before the fence may have waited.
                Duration drainFor = Duration.ofSeconds(config.drainTimeoutSeconds());
                Duration drainLeft = left(config, began, AFTER_THE_DRAIN);
                drainMillis = db.drainReverse(fence, drainFor.compareTo(drainLeft) < 0 ? drainFor
                        : positive(drainLeft, "the reverse drain"));
                if (overDms) {
                    // A table that went into error before the marker arrived: the marker's own table was applied,
                    // that table's last changes were not (DMS User Guide, "Monitoring DMS tasks", table state).
                    ReverseTaskHealth after = ReverseTaskProbe.read(config, store, dmsTasks, dmsProbe, db);
                    refuseIfNotCarried(after, "after the reverse drain");
                    toCopy.addAll(after.tablesNotCarried());
                }
                if (!toCopy.isEmpty()) {
                    result.set("tablesCopiedFromTarget", db.copyTablesOntoSource(List.copyOf(toCopy),
                            positive(left(config, began, COPY_MARGIN), "copying " + toCopy + " from the target")));
                }
                sequences = db.syncSequencesOntoSource();
                if (!sequences.path("problems").isEmpty()) {
                    throw new SequenceSyncIncompleteException("sequences not carried back to the source: "
                            + SequenceSyncSummary.problems(sequences));
                }
            } catch (RuntimeException | Error e) {
                // The source is still fenced and the writer records still point at the target: leaving the target
                // fenced too would leave no writable primary. Its writes cannot come back, so it stays the primary.
                List<String> restored = db.unfenceTarget(fence);
                store.saveDocument(TARGET_FENCE, new FenceState(fence, true));
                throw new ReverseSwitchFailedException("the rollback could not carry the target's writes back ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + "): the target's roles " + restored
                        + " were unfenced again and the writer stays on the target, the source stays fenced;"
                        + " nothing was lost. Repair the reverse replication and roll back again, or finalize.", e);
            }
            result.set("targetFencedRoles", Json.MAPPER.valueToTree(fence.roles()));
            result.put("targetFenceLsn", fence.fenceLsn());
            result.put("reverseDrainMillis", drainMillis);
            result.put("sequencesSynced", sequences.path("sequences").size());
            carriedBack(store, db, result);
        }
        return result;
    }
}
