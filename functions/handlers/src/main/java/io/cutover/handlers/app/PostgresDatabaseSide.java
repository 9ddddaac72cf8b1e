package io.cutover.handlers.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.config.DmsTaskSettingsByTask;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.config.RowCountSpec;
import io.cutover.core.json.Json;
import io.cutover.core.port.db.CleanupReport;
import io.cutover.core.port.db.CleanupRequest;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.DmsApplyException;
import io.cutover.core.port.db.DmsControlTablesReport;
import io.cutover.core.port.db.DmsTaskControlStatus;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.port.db.FedColumnReads;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.FenceRequest;
import io.cutover.core.port.db.NativeReplicationFacts;
import io.cutover.core.port.db.NativeReplicationStatus;
import io.cutover.core.port.db.RolePreviousSettings;
import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.core.port.db.RowCountReport;
import io.cutover.core.port.db.UnfenceReport;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.core.rowcount.RecountPlanner;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.core.time.Deadline;
import io.cutover.handlers.errors.DmsApplyExceptionsAfterFenceException;
import io.cutover.handlers.errors.DmsControlTablesMissingException;
import io.cutover.handlers.errors.DrainTimeoutException;
import io.cutover.handlers.errors.FenceBypassedException;
import io.cutover.handlers.errors.SourcePositionUnavailableException;
import io.cutover.handlers.errors.TargetNotWritableException;
import io.cutover.handlers.errors.UnfenceIncompleteException;
import io.cutover.postgres.DmsTableMappings;
import io.cutover.postgres.Identifiers;
import io.cutover.postgres.JdbcConnections;
import io.cutover.postgres.PgFenceCoverage;
import io.cutover.postgres.PgFenceWatch;
import io.cutover.postgres.PgReplicationSet;
import io.cutover.postgres.PgDmsControlTables;
import io.cutover.postgres.PgDmsMarkerDrain;
import io.cutover.postgres.PgNativeReplicationProbe;
import io.cutover.postgres.PgReplicationCleanup;
import io.cutover.postgres.PgReplicationDrain;
import io.cutover.postgres.PgReverseReplication;
import io.cutover.postgres.PgRowChangeCounters;
import io.cutover.postgres.PgRowCountVerifier;
import io.cutover.postgres.PgSequenceFeeds;
import io.cutover.postgres.PgSequenceSync;
import io.cutover.postgres.PgTableCopy;
import io.cutover.postgres.PgSessionReplicationRoleCheck;
import io.cutover.postgres.PgSourceFence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The database steps over JDBC, mapping the PostgreSQL adapters' reports to what the handlers need. */
final class PostgresDatabaseSide implements DatabaseSide {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
    static final Duration ROW_COUNT_TIMEOUT = Duration.ofSeconds(600);
    /**
     * Between reads of the drain's progress, while writes are down: each read is one small query on an open
     * connection, and a coarser poll adds up to its own length to the write gap.
     */
    static final Duration DRAIN_POLL = Duration.ofMillis(20);
    /** How many apply exceptions logged after the fence a drain failure names. */
    static final int APPLY_EXCEPTIONS_NAMED = 20;
    /** How many bypassing changes a refusal names; one is enough to refuse. */
    static final int FENCE_BYPASS_NAMED = 20;

    private final CutoverConfig config;
    private final JdbcConnections source;
    private final JdbcConnections target;
    /** Where the DMS tasks' settings come from: DMS itself in AWS and in the rehearsal (its stand-in). */
    private final DmsTaskSettingsSource dmsTasks;
    /** The DMS tasks' table selection where known (the DMS adapter supplies it); otherwise every user table. */
    private final DmsTableMappings dmsTableMappings = DmsTableMappings.NONE;

    PostgresDatabaseSide(CutoverConfig config, JdbcConnections source, JdbcConnections target,
                         DmsTaskSettingsSource dmsTasks) {
        this.config = config;
        this.source = source;
        this.target = target;
        this.dmsTasks = dmsTasks;
    }

    /** @param refresh read them from DMS now rather than reuse a recent read (see {@link DmsTaskSettingsSource}) */
    private DmsTaskSettingsByTask dmsSettings(boolean refresh) {
        return dmsTasks.settings(config.replication().dmsTaskArns(), refresh);
    }

    @Override
    public List<NativeSlotFacts> observeNative() {
        NativeReplicationStatus status = new PgNativeReplicationProbe(source, target)
                .probe(config.replication().slots(), config.replication().subscriptions(), PROBE_TIMEOUT);
        return NativeReplicationFacts.slotFacts(status, config.readiness().nativeLadder());
    }

    @Override
    public Map<String, DmsControlRow> dmsControlTables() {
        DmsTaskSettingsByTask settings = dmsSettings(true);
        if (!settings.withoutStatusTable().isEmpty()) {
            throw new DmsControlTablesMissingException(noStatusTable(settings));
        }
        List<String> names = config.replication().dmsTaskArns().stream().map(DmsTaskArn::resourceId).toList();
        DmsControlTablesReport report = new PgDmsControlTables(target).read(settings.controlSchema(), names, 5,
                PROBE_TIMEOUT);
        Map<String, DmsControlRow> rows = new LinkedHashMap<>();
        if (!report.statusTablePresent() && report.exceptionsTablePresent()) {
            // DMS made awsdms_apply_exceptions (always) but not awsdms_status: the task runs with the status table off.
            throw new DmsControlTablesMissingException("the DMS task keeps no " + report.controlSchema()
                    + ".awsdms_status on the target (its awsdms_apply_exceptions is there): the task settings have "
                    + DmsTaskSettings.STATUS_TABLE_SETTING + " false, and without that table nothing shows the task"
                    + " applied what it read; set " + DmsTaskSettings.STATUS_TABLE_SETTING + " to true");
        }
        if (!report.statusTablePresent() || !report.exceptionsTablePresent()) {
            return rows;
        }
        for (DmsTaskControlStatus task : report.tasks()) {
            rows.put(task.taskName(), new DmsControlRow(task.taskStatus(),
                    report.applyExceptionCountByTask().getOrDefault(task.taskName(), 0L)));
        }
        return rows;
    }

    @Override
    public PreflightFindings preflight() {
        List<String> refusals = new ArrayList<>();
        PgFenceCoverage.Coverage coverage = new PgFenceCoverage(source).check(config.fence().roles(),
                config.fence().replicationRoles(), PROBE_TIMEOUT);
        if (!coverage.unfencedMembers().isEmpty()) {
            refusals.add("login roles that are members of fenced roles would stay writable (role settings are not"
                    + " inherited; fence them too, in fence.roles): " + coverage.unfencedMembers());
        }
        List<Identifiers.QualifiedName> tables = replicationSet();
        Set<String> unindexed = new TreeSet<>(new PgSequenceFeeds(source).unindexed(tables,
                PROBE_TIMEOUT));
        unindexed.addAll(new PgSequenceFeeds(target).unindexed(tables, PROBE_TIMEOUT));
        if (!unindexed.isEmpty()) {
            refusals.add("columns fed by a sequence have no leading btree index (their largest value would be read"
                    + " by scanning the table inside the write window; add an index): " + unindexed);
        }
        DmsTaskSettingsByTask dms = null;
        if (config.replication().kind() == ReplicationKind.DMS) {
            try {
                dms = dmsSettings(true);
                refusals.addAll(dmsSettingsRefusals(dms));
            } catch (RuntimeException e) {
                refusals.add("cannot read the DMS tasks' settings (DescribeReplicationTasks, ReplicationTaskSettings): "
                        + e.getMessage());
            }
        }
        if (dms != null && refusals.isEmpty()) {
            // Created well before the fence, so the task maps it (and DMS applies into it) by the time it is used.
            new PgDmsMarkerDrain(source, target).ensureTable(dms.controlSchema(), PROBE_TIMEOUT);
        }
        List<String> warnings = coverage.otherWriters().isEmpty() ? List.of()
                : List.of("roles the fence leaves writable are connected to the source: " + coverage.otherWriters());
        return new PreflightFindings(refusals, warnings);
    }

    /** What the tasks' own settings (as DMS returned them) rule out, one sentence each. */
    private static List<String> dmsSettingsRefusals(DmsTaskSettingsByTask settings) {
        List<String> refusals = new ArrayList<>(settings.controlSchemaRefusals());
        if (!settings.withoutStatusTable().isEmpty()) {
            refusals.add(noStatusTable(settings));
        }
        if (!settings.withBatchApply().isEmpty()) {
            refusals.add(batchApplyRefusal(settings.withBatchApply()));
        }
        return refusals;
    }

    /** DMS creates awsdms_status only when StatusTableEnabled is true (DMS User Guide, "Control table task settings"). */
    private static String noStatusTable(DmsTaskSettingsByTask settings) {
        return "the DMS task settings of " + settings.withoutStatusTable().stream().map(DmsTaskArn::resourceId)
                .toList() + " have " + DmsTaskSettings.STATUS_TABLE_SETTING + " false, so DMS keeps no "
                + settings.controlSchema() + ".awsdms_status on the target, and"
                + " without that table nothing shows the task applied what it read; set "
                + DmsTaskSettings.STATUS_TABLE_SETTING + " to true";
    }

    /**
     * The drain's marker proves the fence position applied only with transactional apply: with batch apply DMS
     * documents temporary lapses in transactional integrity (DMS User Guide, "Target metadata task settings",
     * BatchApplyEnabled; "Change processing tuning settings").
     */
    private static String batchApplyRefusal(List<String> taskArns) {
        return "the DMS task " + taskArns.stream().map(DmsTaskArn::resourceId).toList() + " has "
                + DmsTaskSettings.BATCH_APPLY_SETTING + " true: with batch apply DMS documents"
                + " temporary lapses in transactional integrity, so a row applied on the target does not prove"
                + " that every change committed before it is applied, and the drain cannot prove the fence position;"
                + " set " + DmsTaskSettings.BATCH_APPLY_SETTING + " to false (transactional apply)";
    }

    @Override
    public String sourcePosition() {
        try (Connection connection = source.open(Deadline.in(PROBE_TIMEOUT), "source position");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new SourcePositionUnavailableException("cannot read the source WAL position: " + e.getMessage(), e);
        }
    }

    @Override
    public void requireTargetWritable() {
        try (Connection connection = target.open(Deadline.in(PROBE_TIMEOUT), "target writable");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select pg_is_in_recovery(), current_setting('default_transaction_read_only')")) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new TargetNotWritableException("the target is a standby (pg_is_in_recovery() is true)");
            }
            if ("on".equals(rs.getString(2))) {
                throw new TargetNotWritableException("the target is read-only for the cutover login");
            }
        } catch (SQLException | DatabaseStepException e) {
            throw new TargetNotWritableException("the target does not accept connections: " + e.getMessage(), e);
        }
    }

    @Override
    public FenceRecord recordBeforeFence() {
        List<RolePreviousSettings> now = new PgSourceFence(source).currentSettings(fenceRequest(config), STEP_TIMEOUT);
        return new FenceRecord(List.of(), false, "recorded before fencing; no role fenced yet", null, null,
                Json.MAPPER.valueToTree(now));
    }

    @Override
    public FenceRecord fence(FenceRecord previous) {
        return fenceOn(source, previous);
    }

    /** The configured roles fenced on one side (the source; the target in a switch in reverse). */
    private FenceRecord fenceOn(JdbcConnections side, FenceRecord previous) {
        FenceRequest request = fenceRequest(config);
        List<RolePreviousSettings> earlier = previous == null ? List.of() : previousSettings(previous);
        // On the source the fence starts the watch before it reads the fence position: every commit past it is
        // decoded. The target fenced in a switch in reverse has no watch (its writes travel back by the reverse drain).
        FenceReport report = new PgSourceFence(side).fence(request, earlier, side == source ? fenceWatchSlot() : null,
                STEP_TIMEOUT);
        return new FenceRecord(report.rolesWithSettingsApplied(), report.complete(), report.error(), report.fenceLsn(),
                report.fencedAt(), Json.MAPPER.valueToTree(report.previousSettings()));
    }

    private static FenceRequest fenceRequest(CutoverConfig config) {
        return FenceRequest.of(config.fence().roles(), config.fence().mode(), config.fence().replicationRoles());
    }

    @Override
    public List<String> unfence(FenceRecord record) {
        UnfenceReport report = new PgSourceFence(source).unfence(previousSettings(record), STEP_TIMEOUT);
        if (!report.complete()) {
            throw new UnfenceIncompleteException("unfence incomplete: " + report.error());
        }
        endFenceWatch();
        return previousSettings(record).stream().map(RolePreviousSettings::role).toList();
    }

    @Override
    public List<String> unfenceTarget(FenceRecord targetFence) {
        UnfenceReport report = new PgSourceFence(target).unfence(previousSettings(targetFence), STEP_TIMEOUT);
        if (!report.complete()) {
            throw new UnfenceIncompleteException("target unfence incomplete: " + report.error());
        }
        return previousSettings(targetFence).stream().map(RolePreviousSettings::role).toList();
    }

    private static List<RolePreviousSettings> previousSettings(FenceRecord record) {
        return Json.MAPPER.convertValue(record.detail(), new TypeReference<List<RolePreviousSettings>>() {
        });
    }

    @Override
    public long drain(FenceRecord record, Duration deadline) {
        DrainReport report = switch (config.replication().kind()) {
            case NATIVE -> new PgReplicationDrain(source, target).drainNative(record.fenceLsn(),
                    config.replication().slots(), deadline, DRAIN_POLL);
            case DMS -> drainDms(record, deadline);
        };
        if (!report.drained()) {
            throw new DrainTimeoutException(report.detail());
        }
        return report.drainMillis();
    }

    /**
     * A marker committed on the source after the fence and seen on the target (transactional apply only: see
     * {@link PgDmsMarkerDrain}); then no change of the forward tasks may have failed to apply at all, as DMS logs
     * such a change in awsdms_apply_exceptions and goes on (DMS User Guide, "Control tables"). All rows, not only
     * those since the fence: the writer gate passed with none (ReadinessEvaluator counts every row of the task), so
     * any row now was logged after the gate, and one logged between the gate and the fence is as lost as one after.
     */
    private DrainReport drainDms(FenceRecord record, Duration deadline) {
        DmsTaskSettingsByTask settings = dmsSettings(false);
        if (!settings.withBatchApply().isEmpty()) {
            throw new DrainTimeoutException(batchApplyRefusal(settings.withBatchApply()));
        }
        String schema = settings.controlSchema();
        DrainReport report = new PgDmsMarkerDrain(source, target).drain(schema, config.migrationId(),
                deadline, DRAIN_POLL);
        if (report.drained()) {
            List<DmsApplyException> failed = new PgDmsControlTables(target).exceptionsSince(schema,
                    config.replication().dmsTaskArns(), null, APPLY_EXCEPTIONS_NAMED, PROBE_TIMEOUT);
            if (!failed.isEmpty()) {
                throw new DmsApplyExceptionsAfterFenceException(describeApplyExceptions(failed, schema,
                        "the writer gate passed with none (fence at " + record.fencedAt() + ")"));
            }
        }
        return report;
    }

    private static String describeApplyExceptions(List<DmsApplyException> failed, String schema, String since) {
        return "DMS logged " + failed.size() + (failed.size() == APPLY_EXCEPTIONS_NAMED ? " or more" : "")
                + " change(s) it could not apply since " + since + " in " + schema
                + ".awsdms_apply_exceptions: " + failed.stream().map(e -> e.tableOwner() + "." + e.tableName()
                + " at " + e.errorTime() + " (task " + e.taskName() + "): " + e.error()).toList();
    }

    @Override
    public void requireNoWritesPastFence(FenceRecord record) {
        PgFenceWatch.Report report = new PgFenceWatch(source).changesPastFence(fenceWatchSlot(), record.fenceLsn(),
                record.fencedAt(), replicationSet(), FENCE_BYPASS_NAMED, STEP_TIMEOUT);
        if (report.bypassed()) {
            throw new FenceBypassedException("writes reached the source past the fence at " + record.fenceLsn()
                    + " (slot " + report.slot() + "): " + report.changes().stream()
                    .map(c -> c.action() + " on " + c.table() + " at " + c.lsn() + " (xid " + c.xid() + ")").toList()
                    + "; sessions active since the fence: " + (report.sessions().isEmpty() ? "none left connected"
                    : report.sessions()));
        }
    }

    @Override
    public int endFencedSourceSessions() {
        return new PgSourceFence(source).endSessions(config.fence().mode(), config.fence().roles(), STEP_TIMEOUT);
    }

    @Override
    public boolean endFenceWatch() {
        return new PgFenceWatch(source).end(fenceWatchSlot(), STEP_TIMEOUT);
    }

    private String fenceWatchSlot() {
        return PgFenceWatch.slotName(config.migrationId());
    }

    /** The tables replication carries (the publication's, or the DMS mappings'), without DMS's own. */
    List<Identifiers.QualifiedName> replicationSet() {
        PgReplicationSet set = new PgReplicationSet(source);
        return config.replication().kind() == ReplicationKind.NATIVE
                ? set.publicationTables(config.replication().publication(), PROBE_TIMEOUT)
                : set.dmsTables(dmsTableMappings, PROBE_TIMEOUT);
    }

    @Override
    public JsonNode syncSequences(FedColumnReads reads) {
        // Every sequence feeding a replicated table counts, in whatever schema, besides the configured schemas' own.
        return Json.MAPPER.valueToTree(new PgSequenceSync(source, target).sync(config.databases().schemas(),
                replicationSet(), config.sequenceBuffer(), false, STEP_TIMEOUT, reads));
    }

    @Override
    public JsonNode resetSessionReplicationRole() {
        PgSessionReplicationRoleCheck check = new PgSessionReplicationRoleCheck(target);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.set("before", Json.MAPPER.valueToTree(check.check(PROBE_TIMEOUT)));
        if (config.resetSessionReplicationRole()) {
            result.set("after", Json.MAPPER.valueToTree(check.resetToOrigin(PROBE_TIMEOUT)));
        }
        return result;
    }

    @Override
    public JsonNode prepareReverseReplication() {
        if (config.replication().kind() == ReplicationKind.DMS) {
            ObjectNode report = Json.MAPPER.createObjectNode();
            report.put("prepared", false);
            report.put("reason", "over DMS the reverse slot is created at the switch, after the forward tasks stopped:"
                    + " DMS applies without a replication origin");
            return report;
        }
        return Json.MAPPER.valueToTree(new PgReverseReplication(source, target).prepare(reverseRequest(),
                STEP_TIMEOUT));
    }

    private ReverseReplicationRequest reverseRequest() {
        String name = ReverseReplicationRequest.objectName(config.migrationId());
        return new ReverseReplicationRequest(config.replication().subscriptions(), name, name, name,
                target.libpqConninfo(), config.fence().roles());
    }

    @Override
    public JsonNode startReverseReplication() {
        if (config.replication().kind() == ReplicationKind.DMS) {
            return startDmsReverseSlot();
        }
        ReverseReplicationRequest request = reverseRequest();
        ObjectNode report = Json.MAPPER.valueToTree(new PgReverseReplication(source, target)
                .start(request, STEP_TIMEOUT));
        report.put("started", true);
        // Forward replication is stopped now: from here on only the application changes the target's tables.
        report.put(TARGET_ROW_CHANGE_COUNTER, targetRowChangeCounter().getAsLong());
        return report;
    }

    /** Where the reverse replication's start report keeps the target's row-change counter. */
    public static final String TARGET_ROW_CHANGE_COUNTER = "targetRowChangeCounter";

    @Override
    public java.util.OptionalLong targetRowChangeCounter() {
        // DMS's control schema holds its status rows and the drain markers: not the application's writes.
        List<String> excluded = config.replication().kind() == ReplicationKind.DMS
                ? List.of(dmsSettings(false).controlSchema()) : List.of();
        return java.util.OptionalLong.of(PgRowChangeCounters.total(target, excluded, PROBE_TIMEOUT));
    }

    /**
     * DMS: the reverse task's slot on the target, created after the forward tasks stopped (the caller stops them and
     * starts the reverse task from the slot's start: {@link DmsReverseReplication}). The reverse task's mappings are
     * the forward task's (the migrated schemas and the drain marker), so DMS's own control tables on the target, which
     * the stopping forward task may still write, are never carried back.
     */
    private ObjectNode startDmsReverseSlot() {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("kind", "dms");
        if (!config.replication().hasDmsReverseTask()) {
            report.put("started", false);
            report.put("reason", "no replication.reverseDmsTaskArn: the target's writes after the switch cannot go"
                    + " back to the source over DMS");
            return report;
        }
        PgReverseReplication.DmsSlot slot = new PgReverseReplication(source, target)
                .dmsSlot(reverseObjectName(), STEP_TIMEOUT);
        report.put("started", true);
        report.put("slot", slot.slot());
        report.put("slotCreated", slot.created());
        report.put("cdcStartPosition", slot.start());
        report.put("reverseTaskArn", config.replication().reverseDmsTaskArn());
        report.put(TARGET_ROW_CHANGE_COUNTER, targetRowChangeCounter().getAsLong());
        return report;
    }

    private String reverseObjectName() {
        return ReverseReplicationRequest.objectName(config.migrationId());
    }

    @Override
    public FenceRecord fenceTarget(FenceRecord previous) {
        return fenceOn(target, previous);
    }

    @Override
    public long drainReverse(FenceRecord targetFence, Duration deadline) {
        if (config.replication().kind() == ReplicationKind.DMS) {
            return drainDmsReverse(targetFence, deadline);
        }
        // The slots are on the target now: the drain's "source" is the side that streams.
        DrainReport report = new PgReplicationDrain(target, source).drainNative(targetFence.fenceLsn(),
                List.of(ReverseReplicationRequest.objectName(config.migrationId())), deadline, DRAIN_POLL);
        if (!report.drained()) {
            throw new DrainTimeoutException("reverse replication: " + report.detail());
        }
        return report.drainMillis();
    }

    /**
     * The DMS drain with the sides swapped: a marker committed on the target after its fence and seen on the source
     * proves the reverse task applied every earlier target commit (transactional apply, as forward). A change it
     * logged as not applied, or a table it suspended, is not the drain's to judge: ReverseSwitch reads them
     * afterwards ({@link #reverseNotAppliedTables}) and copies those tables from the target.
     */
    private long drainDmsReverse(FenceRecord targetFence, Duration deadline) {
        // The reverse task's own settings (the CDK app gives it the forward task's): read once, then reused.
        DmsTaskSettingsByTask settings = dmsTasks.settings(List.of(config.replication().reverseDmsTaskArn()), false);
        if (!settings.withBatchApply().isEmpty()) {
            throw new DrainTimeoutException("reverse replication: " + batchApplyRefusal(settings.withBatchApply()));
        }
        String schema = settings.controlSchema();
        DrainReport report = new PgDmsMarkerDrain(target, source).drain(schema, config.migrationId(),
                deadline, DRAIN_POLL);
        if (!report.drained()) {
            throw new DrainTimeoutException("reverse replication (DMS task " + config.replication().reverseDmsTaskArn()
                    + "): " + report.detail());
        }
        return report.drainMillis();
    }

    @Override
    public List<String> reverseNotAppliedTables(String since) {
        if (!config.replication().hasDmsReverseTask()) {
            return List.of();
        }
        String reverse = config.replication().reverseDmsTaskArn();
        String schema = dmsTasks.settings(List.of(reverse), false).controlSchema();
        // DMS keeps a task's control tables on its target endpoint: the reverse task's are on the source.
        return new PgDmsControlTables(source).tablesWithExceptionsSince(schema, List.of(reverse), since,
                PROBE_TIMEOUT);
    }

    @Override
    public JsonNode copyTablesOntoSource(List<String> tables, Duration timeout) {
        return Json.MAPPER.valueToTree(new PgTableCopy(target, source).copy(tables, timeout));
    }

    @Override
    public List<String> tableCopyProblems(List<String> tables) {
        return new PgTableCopy(target, source).problems(tables, PROBE_TIMEOUT);
    }

    @Override
    public JsonNode syncSequencesOntoSource() {
        // As forward: every sequence feeding a replicated table, in whatever schema, besides the configured schemas'.
        return Json.MAPPER.valueToTree(new PgSequenceSync(target, source).sync(config.databases().schemas(),
                replicationSet(), config.sequenceBuffer(), false, STEP_TIMEOUT));
    }

    @Override
    public JsonNode abandonReverseReplication() {
        ObjectNode report = Json.MAPPER.createObjectNode();
        if (config.replication().kind() == ReplicationKind.DMS) {
            // The reverse task is stopped and the forward ones resumed through the DMS API (DmsReverseReplication).
            CleanupReport removed = removeDmsReverseSlot(report);
            report.put("abandoned", removed.complete());
            return report;
        }
        CleanupReport removed = removeReverseReplication(report);
        // Only once nothing applies in reverse: the forward subscriptions resume from their slots' confirmed
        // positions, so the source's writes since the fence reach the target again.
        report.set("forwardEnabled", Json.MAPPER.valueToTree(removed.complete() ? new PgReverseReplication(source,
                target).resumeForward(config.replication().subscriptions(), STEP_TIMEOUT) : List.of()));
        report.put("abandoned", removed.complete());
        return report;
    }

    /**
     * Stops the reverse subscription first, so no reverse change is being applied while the objects go, then removes
     * them: the reverse direction's subscription is on the source and its slot and publication on the target, so it
     * is the cleanup with the sides swapped. Both steps go into {@code report}.
     */
    private CleanupReport removeReverseReplication(ObjectNode report) {
        String name = ReverseReplicationRequest.objectName(config.migrationId());
        report.put("reverseSubscriptionFound", new PgReverseReplication(source, target).stop(name, STEP_TIMEOUT));
        CleanupReport removed = new PgReplicationCleanup(target, source).cleanup(
                new CleanupRequest(List.of(name), List.of(name), List.of(name)), STEP_TIMEOUT);
        report.set("reverse", Json.MAPPER.valueToTree(removed));
        return removed;
    }

    /**
     * DMS: the reverse task's slot on the target, once the task is stopped (an active slot cannot be dropped); the
     * forward tasks' slots on the source are DMS's own, kept or dropped with their tasks and endpoints.
     */
    private CleanupReport removeDmsReverseSlot(ObjectNode report) {
        CleanupReport removed = new PgReplicationCleanup(target, source).cleanup(
                new CleanupRequest(List.of(), List.of(reverseObjectName()), List.of()), STEP_TIMEOUT);
        report.set("reverse", Json.MAPPER.valueToTree(removed));
        return removed;
    }

    @Override
    public JsonNode closeFallbackWindow() {
        ObjectNode report = Json.MAPPER.createObjectNode();
        if (config.replication().kind() == ReplicationKind.DMS) {
            CleanupReport removed = removeDmsReverseSlot(report);
            report.put("closed", removed.complete());
            return report;
        }
        CleanupReport reverse = removeReverseReplication(report);
        List<String> publications = config.replication().publication() == null ? List.of()
                : List.of(config.replication().publication());
        CleanupReport forward = reverse.complete() ? new PgReplicationCleanup(source, target).cleanup(
                new CleanupRequest(config.replication().subscriptions(), config.replication().slots(), publications),
                STEP_TIMEOUT) : null;
        report.set("forward", forward == null ? Json.MAPPER.nullNode() : Json.MAPPER.valueToTree(forward));
        report.put("closed", reverse.complete() && forward != null && forward.complete());
        return report;
    }

    /** The configured row-count tables, or with none every table of the replication set, counted whole. */
    private List<RowCountSpec> rowCountTables() {
        return config.rowCounts().isEmpty()
                ? replicationSet().stream().map(t -> RowCountSpec.whole(t.quoted())).toList() : config.rowCounts();
    }

    @Override
    public RowPrecount precountRows(String executionName, Instant startedAt) {
        List<RowCountSpec> tables = RecountPlanner.precountable(rowCountTables());
        if (tables.isEmpty()) {
            return null;
        }
        return new PgRowCountVerifier(source, target).precount(tables, executionName, startedAt,
                Duration.ofSeconds(config.rowCountVerification().settleMarginSeconds()),
                config.rowCountVerification().checksums(), ROW_COUNT_TIMEOUT);
    }

    @Override
    public RowCountOutcome verifyRowCounts(String executionName, RowPrecount precount) {
        List<RowCountSpec> tables = rowCountTables();
        if (tables.isEmpty()) {
            return new RowCountOutcome(0, List.of("no table to count: rowCounts is empty and the replication set ("
                    + config.replication().kind().name().toLowerCase(Locale.ROOT) + ") has no table"),
                    null);
        }
        RowCountReport report = new PgRowCountVerifier(source, target).verify(tables, precount, executionName,
                config.rowCountVerification().checksums(), ROW_COUNT_TIMEOUT);
        return new RowCountOutcome(report.tables().size(), report.mismatches(), Json.MAPPER.valueToTree(report));
    }

    @Override
    public void close() {
        // JdbcConnections opens a connection per step and closes it there: nothing is held between steps.
    }
}
