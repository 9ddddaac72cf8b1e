package io.cutover.local.dms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.SourceHeartbeat;
import io.cutover.core.json.Json;
import io.cutover.local.dms.TaskProgress.SourceTransaction;
import io.cutover.local.dms.TestDecoding.Change;
import io.cutover.local.dms.TestDecoding.TableName;
import io.cutover.postgres.Identifiers;
import io.cutover.postgres.PgDmsMarkerDrain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * A local stand-in for one AWS DMS CDC task from a PostgreSQL source: it reads the source's changes from a logical
 * replication slot of its own ({@code test_decoding}), applies them to the target over JDBC in source commit
 * order, keeps the control tables on the target, writes the source endpoint's heartbeat, and measures the CDC
 * metrics DMS publishes. {@link DmsApi} serves it over HTTP as the DMS and CloudWatch APIs.
 *
 * <p>Apply follows the task settings: with transactional apply ({@code BatchApplyEnabled} false) source
 * transactions are grouped, in commit order, into one target transaction until it holds
 * {@code MinTransactionSize} changes or {@code CommitTimeout} seconds have passed (DMS User Guide, "Change
 * processing tuning settings"); with batch apply the changes collected over that time are applied table by table,
 * each table in its own target transaction, so the target can show a source transaction half applied, the lapse
 * in transactional integrity DMS documents for batch apply.
 */
public final class DmsStandIn implements AutoCloseable {
    public static final String RUNNING = "running";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";
    /** A created task that never ran. */
    public static final String READY = "ready";
    public static final String STARTING = "starting";
    /** awsdms_status.task_status while applying changes, as DMS writes it. */
    static final String CHANGE_PROCESSING = "CHANGE PROCESSING";
    private static final Duration IDLE = Duration.ofMillis(5);

    /** Per-table counters behind DescribeTableStatistics. */
    static final class TableStats {
        long inserts;
        long updates;
        long deletes;
        long truncates;
        long validationSuspended;
        long validationFailed;
        boolean error;
        /** Fault: the next change read for the table is refused by the target (once per stand-in: never reset). */
        String refuseNext;
        /** The change being refused, kept so a transaction applied again change by change refuses the same one. */
        Change refusing;
        /** Its exception row is committed on the target. */
        boolean refusalCommitted;
    }

    private final StandInSettings settings;
    private final String taskId;
    private final ControlTables control;
    private final TaskProgress progress = new TaskProgress();
    private final MetricStore metrics;
    private final ChangeApplier applier = new ChangeApplier();
    private final Map<TableName, TableStats> tables = new ConcurrentHashMap<>();
    private final List<Consumer<ObjectNode>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> daemon(r, "dms-timers"));
    private final Instant startedAt = Instant.now();
    private volatile String status = "starting";
    private volatile String stopReason;
    private volatile Duration extraDelay = Duration.ZERO;
    private volatile boolean closed;
    private boolean timersScheduled;
    private boolean provisioned;
    private Thread reader;
    private Thread applyThread;

    private DmsStandIn(StandInSettings settings) {
        this.settings = settings;
        this.taskId = DmsTaskArn.resourceId(settings.taskArn());
        this.control = new ControlTables(settings.task().effectiveControlSchema());
        this.metrics = new MetricStore(settings.metricPeriod(), settings.ingestionDelay());
    }

    /**
     * Creates the slot, the control tables and the heartbeat table, and starts the task in CDC from the slot's
     * position: what the source commits from now on reaches the target.
     */
    public static DmsStandIn start(StandInSettings settings) {
        return start(settings, e -> { });
    }

    /** @param events receives each task state-change event from the start on, the task's own start included */
    public static DmsStandIn start(StandInSettings settings, Consumer<ObjectNode> events) {
        DmsStandIn task = new DmsStandIn(settings);
        task.listeners.add(events);
        try {
            task.begin();
            return task;
        } catch (SQLException | RuntimeException e) {
            task.close();
            throw new IllegalStateException("DMS stand-in: cannot start task " + task.taskId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A task as the CDK app provisions the reverse one (issue 18): created, never run ({@code ready}), nothing read
     * or written until {@link #startReplication} names where to start; its slot is the cutover's to create.
     */
    public static DmsStandIn provision(StandInSettings settings, Consumer<ObjectNode> events) {
        DmsStandIn task = new DmsStandIn(settings);
        task.listeners.add(events);
        task.status = READY;
        task.provisioned = true;
        return task;
    }

    /**
     * StartReplicationTask. {@code start-replication} with a CdcStartPosition reads the slot the settings name from
     * that position, which DMS requires to exist already ("DMS verifies that the specified logical replication slot
     * exists before starting the CDC load task", PostgreSqlSettings.SlotName); without a position the task's first
     * start creates its own slot. {@code resume-processing} goes on from the slot's confirmed position. Refused,
     * as DMS does with InvalidResourceStateFault, unless the task is ready, stopped or failed.
     *
     * @throws IllegalStateException with the task's status when it cannot start now
     * @throws IllegalArgumentException when the type or the position is not valid
     */
    public synchronized String startReplication(String type, String cdcStartPosition) {
        if (!READY.equals(status) && !STOPPED.equals(status) && !FAILED.equals(status)) {
            throw new IllegalStateException(status);
        }
        LogSequenceNumber from;
        switch (type) {
            case "start-replication" -> from = cdcStartPosition == null ? null : lsn(cdcStartPosition);
            case "resume-processing" -> {
                if (READY.equals(status)) {
                    throw new IllegalArgumentException("resume-processing cannot be the first start of a task");
                }
                from = LogSequenceNumber.INVALID_LSN;
            }
            default -> throw new IllegalArgumentException("StartReplicationTaskType " + type
                    + " is not served by the stand-in (start-replication, resume-processing)");
        }
        // A failed task's reader and applier leave their loops on their own; they must be gone (the slot released)
        // before the task reads it again.
        join(applyThread);
        join(reader);
        status = STARTING;
        stopReason = null;
        try {
            if (from == null) {
                begin();
            } else {
                run(from);
            }
        } catch (SQLException | RuntimeException e) {
            failTask("cannot start: " + e.getMessage());
        }
        return status;
    }

    private static LogSequenceNumber lsn(String position) {
        LogSequenceNumber lsn = LogSequenceNumber.valueOf(position);
        if (lsn.equals(LogSequenceNumber.INVALID_LSN)) {
            throw new IllegalArgumentException("CdcStartPosition " + position + " is not a PostgreSQL LSN");
        }
        return lsn;
    }

    private void begin() throws SQLException {
        prepare();
        try (Connection source = connect(settings.sourceJdbcUrl()); Statement st = source.createStatement()) {
            st.execute("SELECT pg_create_logical_replication_slot(" + Identifiers.literal(settings.slotName())
                    + ", 'test_decoding')");
        }
        stream(LogSequenceNumber.INVALID_LSN);
    }

    /** From a native start point in the existing slot (the reverse task), or on from where the slot stands. */
    private void run(LogSequenceNumber from) throws SQLException {
        prepare();
        try (Connection source = connect(settings.sourceJdbcUrl());
             var st = source.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, settings.slotName());
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the logical replication slot " + settings.slotName()
                            + " (SlotName) does not exist on the source");
                }
            }
        }
        // What was read and not applied before a stop is read again from the slot, which confirmed only applied work.
        progress.forgetUnapplied();
        awaitSlotReleased();
        stream(from);
    }

    /**
     * The walsender of the previous run ends a moment after its connection closed; until then the slot is active and
     * a new stream on it is refused ("replication slot ... is active").
     */
    private void awaitSlotReleased() throws SQLException {
        Instant until = Instant.now().plusSeconds(10);
        try (Connection source = connect(settings.sourceJdbcUrl());
             var st = source.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, settings.slotName());
            while (Instant.now().isBefore(until)) {
                try (var rs = st.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The control tables and the mapped tables on the target; the heartbeat table on the source. */
    private void prepare() throws SQLException {
        try (Connection target = connect(settings.targetJdbcUrl())) {
            control.create(target, settings.task().statusTableEnabled());
            for (TableName t : mappedTables(target)) {
                tables.put(t, new TableStats());
            }
            // The cutover's drain marker, which the task mappings the CDK app deploys include beside the schemas.
            tables.put(new TableName(settings.task().effectiveControlSchema(), PgDmsMarkerDrain.TABLE),
                    new TableStats());
        }
        SourceHeartbeat heartbeat = settings.heartbeat();
        if (heartbeat.enabled()) {
            try (Connection source = connect(settings.sourceJdbcUrl()); Statement st = source.createStatement()) {
                String table = Identifiers.quote(heartbeat.schema()) + "." + SourceHeartbeat.TABLE;
                st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(heartbeat.schema()));
                st.execute("CREATE TABLE IF NOT EXISTS " + table + " (hearbeat_id int PRIMARY KEY,"
                        + " hearbeat_timestamp timestamp)");
                st.execute("INSERT INTO " + table + " VALUES (1, now() AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING");
            }
        }
    }

    /** @param from where to start reading; {@link LogSequenceNumber#INVALID_LSN} for the slot's confirmed position */
    private void stream(LogSequenceNumber from) throws SQLException {
        Connection replication = replicationConnection();
        PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                .logical().withSlotName(settings.slotName()).withStartPosition(from)
                .withSlotOption("include-xids", true)
                .withSlotOption("include-timestamp", true).withSlotOption("skip-empty-xacts", true)
                .withStatusInterval(1, TimeUnit.SECONDS).start();
        status = RUNNING;
        reader = daemon(() -> readLoop(replication, stream), "dms-reader");
        applyThread = daemon(this::applyLoop, "dms-applier");
        reader.start();
        applyThread.start();
        if (!timersScheduled) {
            timersScheduled = true;
            long sampleMillis = Math.max(20, settings.metricPeriod().toMillis() / 20);
            timers.scheduleAtFixedRate(guard(this::sample), 0, sampleMillis, TimeUnit.MILLISECONDS);
            if (settings.task().statusTableEnabled()) {
                timers.scheduleAtFixedRate(guard(this::refreshStatus), 0, settings.statusRefresh().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            if (settings.heartbeat().enabled()) {
                timers.scheduleAtFixedRate(guard(this::beat), 0, settings.heartbeatInterval().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        emit("REPLICATION_TASK_STARTED", "StateChange", "DMS-EVENT-0069", "Replication task started, with flag = "
                + (from.equals(LogSequenceNumber.INVALID_LSN) ? "fresh start" : "start from position " + from));
    }

    public StandInSettings settings() {
        return settings;
    }

    /** A provisioned task is CDC only (its start point is given at start); the forward one loads, then CDC. */
    String migrationType() {
        return provisioned ? "cdc" : "full-load-and-cdc";
    }

    public String status() {
        return status;
    }

    public String stopReason() {
        return stopReason;
    }

    /** Problems the stand-in itself hit (a lost connection, a line it could not parse); empty when healthy. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    MetricStore metrics() {
        return metrics;
    }

    Map<TableName, TableStats> tableStats() {
        return tables;
    }

    /** Receives each task state-change event, shaped as EventBridge delivers DMS events. */
    public void onEvent(Consumer<ObjectNode> listener) {
        listeners.add(listener);
    }

    public TaskProgress.Snapshot progress() {
        return progress.snapshot();
    }

    /**
     * Waits until everything the source committed before this call is read and applied; false when the task did
     * not get there in time (stopped, failed or behind).
     */
    public boolean awaitCaughtUp(Duration timeout) {
        LogSequenceNumber end;
        try (Connection source = connect(settings.sourceJdbcUrl()); Statement st = source.createStatement();
             var rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            end = LogSequenceNumber.valueOf(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            TaskProgress.Snapshot p = progress.snapshot();
            if (p.pendingChanges() == 0 && p.readPosition() != null
                    && LogSequenceNumber.valueOf(p.readPosition()).compareTo(end) >= 0) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** StopReplicationTask: stops reading and applying; what was read and not applied stays unapplied. */
    public synchronized String stop() {
        if (!RUNNING.equals(status)) {
            throw new IllegalStateException(status);
        }
        status = STOPPING;
        stopReason = "STOPPED_BY_USER";
        timers.execute(() -> {
            join(applyThread);
            join(reader);
            status = STOPPED;
            writeStatusQuietly("NOT RUNNING");
            emit("REPLICATION_TASK_STOPPED", "StateChange", "DMS-EVENT-0079",
                    "Replication task has stopped. Stop Reason NORMAL");
        });
        return STOPPING;
    }

    /** Fault: the task fails; awsdms_status keeps its last row, as DMS cannot update it any more. */
    public synchronized void failTask(String reason) {
        status = FAILED;
        stopReason = reason;
        emit("REPLICATION_TASK_FAILED", "Failure", "DMS-EVENT-0078", "Last Error " + reason
                + " Stop Reason FATAL_ERROR Error Level FATAL");
    }

    /** Fault: the table is suspended in 'Table error'; its changes are no longer applied. */
    public void tableError(String schema, String table) {
        stats(schema, table).error = true;
    }

    /** Fault: DMS could not apply a change to the table and logged it. */
    public void applyException(String schema, String table, String statement, String error) {
        try (Connection target = connect(settings.targetJdbcUrl())) {
            control.logException(target, taskId, schema, table, statement, error);
        } catch (SQLException e) {
            throw new IllegalStateException("DMS stand-in: cannot log an apply exception: " + e.getMessage(), e);
        }
    }

    /**
     * Fault: the target refuses the next change of the table (as a constraint or a missing row would): it is logged to
     * awsdms_apply_exceptions with {@code error} and not applied, and the task goes on with the rest.
     */
    public void refuseNextChange(String schema, String table, String error) {
        TableStats stats = stats(schema, table);
        synchronized (stats) {
            if (stats.refuseNext != null) {
                throw new IllegalStateException("a change to " + schema + "." + table + " was refused already");
            }
            stats.refuseNext = error;
        }
    }

    /**
     * Waits until the change refuseNextChange picked is logged and committed on the target (the next write to the
     * table has to arrive and be applied first); false when it is not within {@code timeout}.
     */
    public boolean awaitRefusal(String schema, String table, Duration timeout) throws InterruptedException {
        TableStats stats = stats(schema, table);
        long until = System.nanoTime() + timeout.toNanos();
        synchronized (stats) {
            while (!stats.refusalCommitted) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stats, left);
            }
            return true;
        }
    }

    /** Fault: validation suspended on rows DMS keeps seeing change (hot rows). */
    public void suspendValidation(String schema, String table, long rows) {
        stats(schema, table).validationSuspended += rows;
    }

    /** Fault: validation found rows of the table that differ between the databases ('Mismatched records'). */
    public void failValidation(String schema, String table, long rows) {
        stats(schema, table).validationFailed += rows;
    }

    /** Fault: the task falls behind by this much more than its apply delay; zero catches up again. */
    public void fallBehind(Duration extra) {
        extraDelay = extra;
    }

    /** The apply thread's: tables whose injected refusal is in the target transaction being applied. */
    private final List<TableStats> refusedInTransaction = new ArrayList<>();

    private TableStats stats(String schema, String table) {
        TableStats stats = tables.get(new TableName(schema, table));
        if (stats == null) {
            throw new IllegalArgumentException("table " + schema + "." + table + " is not in the task's mappings "
                    + tables.keySet());
        }
        return stats;
    }

    private void readLoop(Connection replication, PGReplicationStream stream) {
        List<Change> changes = new ArrayList<>();
        try (replication) {
            while (RUNNING.equals(status) && !closed) {
                ByteBuffer buffer = stream.readPending();
                String confirmable = progress.confirmable();
                if (confirmable != null) {
                    LogSequenceNumber lsn = LogSequenceNumber.valueOf(confirmable);
                    stream.setAppliedLSN(lsn);
                    stream.setFlushedLSN(lsn);
                }
                if (buffer == null) {
                    Thread.sleep(IDLE.toMillis());
                    continue;
                }
                String line = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(),
                        StandardCharsets.UTF_8);
                TestDecoding.Message message = TestDecoding.parse(line);
                if (message instanceof TestDecoding.Begin) {
                    changes.clear();
                } else if (message instanceof Change change) {
                    if (tables.containsKey(change.table())) {
                        changes.add(change);
                    }
                } else if (message instanceof TestDecoding.Commit commit) {
                    // (A logical message, as the fence emits, is read past: DMS applies table changes only.)
                    String commitLsn = stream.getLastReceiveLSN().asString();
                    // A resumed task goes on from its checkpoint: a transaction it applied before it stopped, sent
                    // again because the slot's confirmation lagged, is not applied twice.
                    if (!progress.appliedAlready(commitLsn)) {
                        progress.read(new SourceTransaction(commit.xid(), commitLsn, commit.committedAt(),
                                Instant.now(), List.copyOf(changes)));
                    }
                    changes.clear();
                }
            }
            confirmOnExit(stream);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            if (!closed) {
                errors.add("reader: " + e.getMessage());
                failTask("reading the source slot failed: " + e.getMessage());
            }
        }
    }

    /** The applied position confirmed to the slot as the reader stops, so a resume re-reads as little as it can. */
    private void confirmOnExit(PGReplicationStream stream) {
        String confirmable = progress.confirmable();
        if (confirmable == null || closed) {
            return;
        }
        try {
            LogSequenceNumber lsn = LogSequenceNumber.valueOf(confirmable);
            stream.setAppliedLSN(lsn);
            stream.setFlushedLSN(lsn);
            stream.forceUpdateStatus();
        } catch (SQLException e) {
            errors.add("reader: confirming " + confirmable + " as it stopped: " + e.getMessage());
        }
    }

    private void applyLoop() {
        try (Connection target = connect(settings.targetJdbcUrl())) {
            target.setAutoCommit(false);
            while (RUNNING.equals(status) && !closed) {
                List<SourceTransaction> group = collect();
                if (group.isEmpty()) {
                    Thread.sleep(IDLE.toMillis());
                    continue;
                }
                if (settings.task().batchApplyEnabled()) {
                    applyBatch(target, group);
                } else {
                    applyTransactional(target, group);
                }
                progress.applied(group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            if (!closed) {
                errors.add("applier: " + e.getMessage());
                failTask("applying to the target failed: " + e.getMessage());
            }
        }
    }

    /**
     * Source transactions for one apply, in commit order: until MinTransactionSize changes are collected or
     * CommitTimeout has passed since the first was ready.
     */
    private List<SourceTransaction> collect() throws InterruptedException {
        Duration delay = settings.applyDelay().plus(extraDelay);
        List<SourceTransaction> ready = progress.ready(Instant.now(), delay, Integer.MAX_VALUE);
        if (ready.isEmpty()) {
            return ready;
        }
        Instant deadline = Instant.now().plusSeconds(settings.task().commitTimeoutSeconds());
        int min = settings.task().minTransactionSize();
        while (changes(ready) < min && Instant.now().isBefore(deadline) && RUNNING.equals(status) && !closed) {
            Thread.sleep(IDLE.toMillis());
            ready = progress.ready(Instant.now(), settings.applyDelay().plus(extraDelay), Integer.MAX_VALUE);
        }
        return takeUpTo(ready, min);
    }

    /** Whole source transactions up to the first that reaches {@code min} changes. */
    private static List<SourceTransaction> takeUpTo(List<SourceTransaction> ready, int min) {
        List<SourceTransaction> group = new ArrayList<>();
        int n = 0;
        for (SourceTransaction t : ready) {
            group.add(t);
            n += t.changes().size();
            if (n >= min) {
                break;
            }
        }
        return group;
    }

    private static int changes(List<SourceTransaction> txns) {
        return txns.stream().mapToInt(t -> t.changes().size()).sum();
    }

    private void applyTransactional(Connection target, List<SourceTransaction> group) throws SQLException {
        List<Change> changes = new ArrayList<>();
        group.forEach(t -> changes.addAll(t.changes()));
        applyInOneTransaction(target, changes);
    }

    private void applyBatch(Connection target, List<SourceTransaction> group) throws SQLException {
        Map<TableName, List<Change>> byTable = new LinkedHashMap<>();
        for (SourceTransaction txn : group) {
            for (Change change : txn.changes()) {
                byTable.computeIfAbsent(change.table(), t -> new ArrayList<>()).add(change);
            }
        }
        for (List<Change> changes : byTable.values()) {
            applyInOneTransaction(target, changes);
        }
    }

    /**
     * One target transaction. Tried first without a savepoint per change (the common case, a third of the round
     * trips); when the target refuses a change, the transaction is rolled back and applied again change by change,
     * each under a savepoint, so the refused one is logged and the rest applied.
     */
    private void applyInOneTransaction(Connection target, List<Change> changes) throws SQLException {
        List<Change> applied = new ArrayList<>();
        refusedInTransaction.clear();
        try {
            for (Change change : changes) {
                if (applyOne(target, change, false)) {
                    applied.add(change);
                }
            }
        } catch (SQLException refused) {
            target.rollback();
            applied.clear();
            refusedInTransaction.clear();
            for (Change change : changes) {
                if (applyOne(target, change, true)) {
                    applied.add(change);
                }
            }
        }
        target.commit();
        applied.forEach(this::count);
        for (TableStats stats : refusedInTransaction) {
            synchronized (stats) {
                stats.refusalCommitted = true;
                stats.notifyAll();
            }
        }
    }

    /** @return true when the change was applied (not skipped, not refused) */
    private boolean applyOne(Connection target, Change change, boolean savepoint) throws SQLException {
        TableStats stats = tables.get(change.table());
        if (stats == null || stats.error) {
            return false;
        }
        String injected = injectedRefusal(stats, change);
        if (injected != null) {
            refusedInTransaction.add(stats);
            control.logException(target, taskId, change.table().schema(), change.table().name(),
                    change.kind() + " " + ChangeApplier.ref(change.table()) + " " + change.columns(), injected);
            return false;
        }
        ChangeApplier.Refused refused = applier.apply(target, change, savepoint);
        if (refused != null) {
            control.logException(target, taskId, refused.table().schema(), refused.table().name(),
                    refused.statement(), refused.error());
            return false;
        }
        return true;
    }

    /** The injected refusal of this change, or null: the first change after refuseNextChange, and only that one. */
    private static String injectedRefusal(TableStats stats, Change change) {
        synchronized (stats) {
            if (stats.refuseNext != null && stats.refusing == null) {
                stats.refusing = change;
            }
            return stats.refusing == change ? stats.refuseNext : null;
        }
    }

    private void count(Change change) {
        TableStats stats = tables.get(change.table());
        synchronized (stats) {
            switch (change.kind()) {
                case INSERT -> stats.inserts++;
                case UPDATE -> stats.updates++;
                case DELETE -> stats.deletes++;
                case TRUNCATE -> stats.truncates++;
                default -> { }
            }
        }
    }

    /** DMS stops publishing a task's metrics when the task is not running. */
    private void sample() {
        if (!RUNNING.equals(status)) {
            return;
        }
        Instant now = Instant.now();
        double[] values = progress.latencies(now, startedAt);
        metrics.record(MetricStore.LATENCY_SOURCE, now, values[0]);
        metrics.record(MetricStore.LATENCY_TARGET, now, values[1]);
        metrics.record(MetricStore.INCOMING_CHANGES, now, values[2]);
    }

    private void refreshStatus() {
        if (RUNNING.equals(status)) {
            writeStatusQuietly(CHANGE_PROCESSING);
        }
    }

    private void writeStatusQuietly(String taskStatus) {
        if (!settings.task().statusTableEnabled()) {
            return;
        }
        try (Connection target = connect(settings.targetJdbcUrl())) {
            control.writeStatus(target, taskId, taskStatus, progress.snapshot());
        } catch (SQLException e) {
            errors.add("status table: " + e.getMessage());
        }
    }

    private void beat() {
        if (!RUNNING.equals(status)) {
            return;
        }
        SourceHeartbeat heartbeat = settings.heartbeat();
        try (Connection source = connect(settings.sourceJdbcUrl()); Statement st = source.createStatement()) {
            st.executeUpdate("UPDATE " + Identifiers.quote(heartbeat.schema()) + "." + SourceHeartbeat.TABLE
                    + " SET hearbeat_timestamp = now() AT TIME ZONE 'UTC' WHERE hearbeat_id = 1");
        } catch (SQLException e) {
            errors.add("heartbeat: " + e.getMessage());
        }
    }

    private List<TableName> mappedTables(Connection target) throws SQLException {
        List<TableName> out = new ArrayList<>();
        try (var st = target.prepareStatement("SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY(?)"
                + " ORDER BY 1, 2")) {
            st.setArray(1, target.createArrayOf("text", settings.schemas().toArray()));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private void emit(String eventType, String category, String eventId, String message) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "DMS Replication Task State Change");
        event.put("source", "aws.dms");
        event.put("account", DmsTaskArn.PATTERN.matcher(settings.taskArn()).matches()
                ? settings.taskArn().split(":")[4] : "000000000000");
        event.put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", settings.taskArn().split(":")[3]);
        event.putArray("resources").add(settings.taskArn());
        ObjectNode detail = event.putObject("detail");
        detail.put("type", "REPLICATION_TASK");
        detail.put("category", category);
        detail.put("eventType", eventType);
        detail.put("eventId", eventId);
        detail.put("detailMessage", message);
        for (Consumer<ObjectNode> listener : listeners) {
            listener.accept(event);
        }
    }

    private Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        p.setProperty("ApplicationName", "dms-standin");
        return DriverManager.getConnection(url, p);
    }

    private Connection replicationConnection() throws SQLException {
        Properties p = new Properties();
        PGProperty.USER.set(p, settings.user());
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        PGProperty.APPLICATION_NAME.set(p, "dms-standin");
        return DriverManager.getConnection(settings.sourceJdbcUrl(), p);
    }

    private Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                errors.add(e.toString());
            }
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every thread and drops the slot, so the source keeps no WAL for a task that is gone. */
    @Override
    public void close() {
        closed = true;
        if (RUNNING.equals(status)) {
            status = STOPPED;
        }
        timers.shutdownNow();
        join(applyThread);
        join(reader);
        try (Connection source = connect(settings.sourceJdbcUrl()); Statement st = source.createStatement()) {
            st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = "
                    + Identifiers.literal(settings.slotName()) + " AND NOT active");
        } catch (SQLException e) {
            // The source is already down: its slots went with it.
        }
    }
}
