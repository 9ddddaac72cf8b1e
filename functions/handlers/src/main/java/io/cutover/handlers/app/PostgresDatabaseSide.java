package io.cutover.handlers.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.json.Json;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.DmsControlTablesReport;
import io.cutover.core.port.db.DmsTaskControlStatus;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.FenceRequest;
import io.cutover.core.port.db.NativeReplicationFacts;
import io.cutover.core.port.db.NativeReplicationStatus;
import io.cutover.core.port.db.RolePreviousSettings;
import io.cutover.core.port.db.RowCountReport;
import io.cutover.core.port.db.UnfenceReport;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.core.time.Deadline;
import io.cutover.handlers.errors.DmsControlTablesMissingException;
import io.cutover.handlers.errors.DrainTimeoutException;
import io.cutover.handlers.errors.SourcePositionUnavailableException;
import io.cutover.handlers.errors.TargetNotWritableException;
import io.cutover.handlers.errors.UnfenceIncompleteException;
import io.cutover.postgres.JdbcConnections;
import io.cutover.postgres.PgDmsControlTables;
import io.cutover.postgres.PgNativeReplicationProbe;
import io.cutover.postgres.PgReplicationDrain;
import io.cutover.postgres.PgRowCountVerifier;
import io.cutover.postgres.PgSequenceSync;
import io.cutover.postgres.PgSessionReplicationRoleCheck;
import io.cutover.postgres.PgSourceFence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The database steps over JDBC, mapping the PostgreSQL adapters' reports to what the handlers need. */
final class PostgresDatabaseSide implements DatabaseSide {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
    static final Duration ROW_COUNT_TIMEOUT = Duration.ofSeconds(600);
    /** Where the stack's task keeps its control tables: the task settings the CDK app deploys say so. */
    static final String DMS_CONTROL_SCHEMA = DmsTaskSettings.defaults().effectiveControlSchema();

    private final CutoverConfig config;
    private final JdbcConnections source;
    private final JdbcConnections target;

    PostgresDatabaseSide(CutoverConfig config, JdbcConnections source, JdbcConnections target) {
        this.config = config;
        this.source = source;
        this.target = target;
    }

    @Override
    public List<NativeSlotFacts> observeNative() {
        NativeReplicationStatus status = new PgNativeReplicationProbe(source, target)
                .probe(config.replication().slots(), config.replication().subscriptions(), PROBE_TIMEOUT);
        return NativeReplicationFacts.slotFacts(status, config.readiness().nativeLadder());
    }

    @Override
    public Map<String, DmsControlRow> dmsControlTables() {
        List<String> names = config.replication().dmsTaskArns().stream().map(DmsTaskArn::resourceId).toList();
        DmsControlTablesReport report = new PgDmsControlTables(target).read(DMS_CONTROL_SCHEMA, names, 5, PROBE_TIMEOUT);
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
        FenceRequest request = fenceRequest(config);
        List<RolePreviousSettings> earlier = previous == null ? List.of() : previousSettings(previous);
        FenceReport report = new PgSourceFence(source).fence(request, earlier, STEP_TIMEOUT);
        return new FenceRecord(report.rolesWithSettingsApplied(), report.complete(), report.error(), report.fenceLsn(),
                report.fencedAt(), Json.MAPPER.valueToTree(report.previousSettings()));
    }

    private static FenceRequest fenceRequest(CutoverConfig config) {
        return FenceRequest.of(config.fence().roles(), config.fence().mode(), config.fence().replicationRoles());
    }

    @Override
    public List<String> unfence(FenceRecord record) {
        UnfenceReport report = new PgSourceFence(source).unfence(previousSettings(record), false, STEP_TIMEOUT);
        if (!report.complete()) {
            throw new UnfenceIncompleteException("unfence incomplete: " + report.error());
        }
        return previousSettings(record).stream().map(RolePreviousSettings::role).toList();
    }

    private static List<RolePreviousSettings> previousSettings(FenceRecord record) {
        return Json.MAPPER.convertValue(record.detail(), new TypeReference<List<RolePreviousSettings>>() {
        });
    }

    @Override
    public long drain(FenceRecord record, Duration deadline) {
        PgReplicationDrain drain = new PgReplicationDrain(source, target);
        DrainReport report = switch (config.replication().kind()) {
            case NATIVE -> drain.drainNative(record.fenceLsn(), config.replication().slots(), deadline,
                    Duration.ofMillis(100));
            case DMS -> drain.drainDms(record.fencedAt(), config.replication().dmsTaskArns().stream()
                            .map(DmsTaskArn::resourceId).toList(), DMS_CONTROL_SCHEMA, Map::of, deadline,
                    Duration.ofSeconds(1));
        };
        if (!report.drained()) {
            throw new DrainTimeoutException(report.detail());
        }
        return report.drainMillis();
    }

    @Override
    public JsonNode syncSequences() {
        return Json.MAPPER.valueToTree(new PgSequenceSync(source, target)
                .sync(config.databases().schemas(), config.sequenceBuffer(), false, STEP_TIMEOUT));
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
    public RowCountOutcome verifyRowCounts() {
        RowCountReport report = new PgRowCountVerifier(source, target).verify(config.rowCounts(), ROW_COUNT_TIMEOUT);
        return new RowCountOutcome(report.tables().size(), report.mismatches(), Json.MAPPER.valueToTree(report));
    }

    @Override
    public void close() {
        // JdbcConnections opens a connection per step and closes it there: nothing is held between steps.
    }
}
