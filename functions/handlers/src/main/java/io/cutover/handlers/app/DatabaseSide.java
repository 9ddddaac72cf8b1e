package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.port.db.FedColumnReads;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.core.rowcount.RowPrecount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the workflow does on the two databases, as the handlers see it. One instance holds the
 * connections of one invocation and is closed at its end (Lambda must not keep them across a
 * SnapStart snapshot).
 */
public interface DatabaseSide extends AutoCloseable {

    /** Native replication: facts per configured slot, measured now. */
    List<NativeSlotFacts> observeNative();

    /** DMS control tables on the target: apply exceptions and {@code awsdms_status} per task name. */
    Map<String, DmsControlRow> dmsControlTables();

    /**
     * Before anything changes: what would make the switch unsafe and is better refused now than met inside the write
     * window (a login role that is a member of a fenced role but not fenced itself; a column a synced sequence feeds
     * that has no leading btree index), and what a person should know (other roles connected to the source).
     */
    PreflightFindings preflight();

    /** The source's current WAL position (the rollback point and the drain target). */
    String sourcePosition();

    /**
     * The record a rollback needs before anything is fenced: the configured roles' settings as they are now
     * ({@code complete} false, no role fenced yet). Changes nothing; refuses as {@link #fence} would.
     */
    FenceRecord recordBeforeFence();

    /** Fences every configured role; idempotent: a second call keeps the first call's record of previous settings. */
    FenceRecord fence(FenceRecord previous);

    /** Restores exactly what the fence record says was there; returns the roles restored. */
    List<String> unfence(FenceRecord record);

    /** Waits until the target applied everything up to the fence; throws DrainTimeoutException at the deadline. */
    long drain(FenceRecord record, Duration deadline);

    /**
     * The target accepts a write right now (reachable, not a standby, not read-only); the writer record
     * is never moved to a target that is not. Throws with the reason otherwise.
     */
    void requireTargetWritable();

    /**
     * Sets every target sequence (of the configured schemas, and every one feeding a replicated table) to at least
     * the greater of the source's value and its fed columns' largest, plus the buffer, never backwards; the fed
     * columns read are those {@code reads} names (all, or after a pre-sync only those then ahead of their sequence).
     */
    JsonNode syncSequences(FedColumnReads reads);

    /** Checks (and, when configured, resets to origin) the target's session_replication_role. */
    JsonNode resetSessionReplicationRole();

    /**
     * After the drain, before the writer moves: no change to a replicated table reached the source's WAL past the
     * fence position (a session that turned {@code default_transaction_read_only} off, a {@code BEGIN READ WRITE}).
     * Throws {@code FenceBypassedException} naming the tables (and the sessions, where known) otherwise.
     */
    void requireNoWritesPastFence(FenceRecord record);

    /**
     * After the writer moved: ends the fenced roles' sessions on the source, which can only fail there and which a
     * pool would keep until their lifetime ends; the pool reconnects through the moved record. Idempotent.
     *
     * @return how many sessions were ended
     */
    int endFencedSourceSessions();

    /** Ends what the fence started to watch the source (a rollback unfenced, or replication stopped); idempotent. */
    boolean endFenceWatch();

    /**
     * At the switch, after the drain and before the writer moves: forward replication stopped, the reverse one
     * (target → source) started, so a rollback after the switch can carry the target's writes back (issue 18).
     * Native replication only; for DMS the report says it was not started and why.
     */
    JsonNode startReverseReplication();

    /**
     * A rollback before the writer moved, after {@link #startReverseReplication}: the reverse replication is removed
     * (its subscription on the source, its slot and publication on the target) and the forward subscriptions are
     * enabled again, so the target keeps following the source, which is primary again, and a later cutover can run.
     * Idempotent; the report says what was removed and re-enabled.
     */
    JsonNode abandonReverseReplication();

    /**
     * Before the fence: the reverse publication and slot on the target where both servers allow it (native
     * replication, PostgreSQL 16+), so the switch does not wait for the slot; {@code {"prepared": bool, ...}}.
     */
    JsonNode prepareReverseReplication();

    // ---- the switch in reverse (a rollback after the writer moved, issue 18) ----

    /**
     * Fences the configured application roles on the target, as {@link #fence} does on the source, ending their
     * sessions; its fence position is where the reverse drain must reach. Idempotent like {@link #fence}.
     */
    FenceRecord fenceTarget(FenceRecord previous);

    /**
     * Waits until the source applied the reverse stream up to the target's fence; DrainTimeoutException otherwise.
     * Over DMS what the reverse task did not apply (a table in error, a change logged in awsdms_apply_exceptions) is
     * not the drain's to judge: the rollback reads it afterwards ({@link #reverseNotAppliedTables}) and copies those
     * tables ({@link #copyTablesOntoSource}).
     */
    long drainReverse(FenceRecord targetFence, Duration deadline);

    /**
     * Over DMS: every table with a change the reverse task logged as not applied in {@code awsdms_apply_exceptions}
     * on its target, the source, at or after {@code since} (the forward fence; null: ever), as {@code schema.table}:
     * the whole list, since a rollback copies each of them. Empty without a reverse task.
     */
    List<String> reverseNotAppliedTables(String since);

    /**
     * Makes each table ({@code schema.table}) on the source equal to the target's, by primary key, in one source
     * transaction (all or none): for the tables the reverse DMS task left behind, after the target's fence and the
     * reverse drain. A report per table (rows read, inserted, updated, deleted). Past {@code timeout} the transaction
     * is rolled back and the step fails, leaving the source as it was.
     */
    JsonNode copyTablesOntoSource(List<String> tables, java.time.Duration timeout);

    /**
     * Why each of these tables could not be copied onto the source (missing, no primary key, other columns,
     * inheritance children), read without changing anything: the rollback asks before it fences the target. Empty
     * when every one can.
     */
    List<String> tableCopyProblems(List<String> tables);

    /**
     * A switch in reverse that could not carry the target's writes back: the target's roles get their settings
     * back (sessions opened while fenced ended, as {@link #unfence} does on the source), so the target, still the
     * primary, takes writes again. The restored roles.
     */
    List<String> unfenceTarget(FenceRecord targetFence);

    /** Sets every source sequence to at least target + buffer, never backwards; a report per sequence. */
    JsonNode syncSequencesOntoSource();

    /**
     * The target's cumulative row-change counter (PgRowChangeCounters): read when the reverse replication starts
     * and again after the reverse drain, the difference bounds how many row changes a rollback carried back. Empty
     * where a side keeps no such counter (a wrapper must pass it on: not a default method, so none forgets).
     */
    java.util.OptionalLong targetRowChangeCounter();

    /**
     * Closes the fall-back window (issue 18): reverse replication stopped, then the replication objects of both
     * directions removed (PgReplicationCleanup): what was removed, what was already gone, what is left and why.
     * Idempotent. DMS: says that its tasks are stopped by the DMS API, not here.
     */
    JsonNode closeFallbackWindow();

    /**
     * Before the fence, outside the write window (issue 20): on both sides, the settled rows of every configured
     * row-count table with a bucket column (bucket column before the settle margin's cutoff), their checksum when
     * configured, and each table's statistics; a table without a bucket column counted whole. Null when there is no
     * table to count.
     */
    RowPrecount precountRows(String executionName, Instant startedAt);

    /**
     * Row counts source vs target, for the configured tables or, when none are, every table of the replication
     * set; {@code mismatched} lists the differing tables, and counting no table at all is a mismatch. With this
     * execution's {@code precount} (null: none), a bucketed table's settled rows are taken from it and only its recent
     * rows counted, unless its statistics show a change since that the recent rows cannot account for.
     */
    RowCountOutcome verifyRowCounts(String executionName, RowPrecount precount);

    @Override
    void close();


    record DmsControlRow(String taskStatus, long applyExceptions) {
    }

    /**
     * @param complete false when some role could not be fenced: the switch must not go on, and the
     *                 record still says what was fenced so a rollback can restore it
     * @param detail   the adapter's own record of previous settings, kept as JSON in the state store
     */
    record FenceRecord(List<String> roles, boolean complete, String error, String fenceLsn, String fencedAt,
                       JsonNode detail) {
    }

    record RowCountOutcome(int tables, List<String> mismatched, JsonNode detail) {
    }

    /** @param refusals each stops the cutover at preflight; @param warnings each is reported, nothing more */
    record PreflightFindings(List<String> refusals, List<String> warnings) {
        public PreflightFindings {
            refusals = List.copyOf(refusals);
            warnings = List.copyOf(warnings);
        }
    }
}
