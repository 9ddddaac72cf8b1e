package io.cutover.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSideFactory;
import io.cutover.local.adapters.EffectLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Puts the database steps that change something into the effect log, in order with the DNS and
 * Parameter Store effects, so a run can be checked for "fence before drain before writer switch".
 */
public final class RecordingDatabaseSides implements DatabaseSideFactory {
    private final DatabaseSideFactory real;
    private final EffectLog effects;

    public RecordingDatabaseSides(DatabaseSideFactory real, EffectLog effects) {
        this.real = real;
        this.effects = effects;
    }

    @Override
    public DatabaseSide open(CutoverConfig config) {
        return new Recording(real.open(config), effects);
    }

    private record Recording(DatabaseSide db, EffectLog effects) implements DatabaseSide {
        @Override
        public List<NativeSlotFacts> observeNative() {
            return db.observeNative();
        }

        @Override
        public Map<String, DmsControlRow> dmsControlTables() {
            return db.dmsControlTables();
        }

        @Override
        public PreflightFindings preflight() {
            return db.preflight();
        }

        @Override
        public String sourcePosition() {
            return db.sourcePosition();
        }

        @Override
        public void requireTargetWritable() {
            db.requireTargetWritable();
        }

        @Override
        public FenceRecord recordBeforeFence() {
            return db.recordBeforeFence();
        }

        @Override
        public FenceRecord fence(FenceRecord previous) {
            FenceRecord record = db.fence(previous);
            effects.record("db:fence", "source", Map.of("roles", record.roles(), "fenceLsn",
                    String.valueOf(record.fenceLsn()), "complete", record.complete()));
            return record;
        }

        @Override
        public List<String> unfence(FenceRecord record) {
            List<String> roles = db.unfence(record);
            effects.record("db:unfence", "source", Map.of("roles", roles));
            return roles;
        }

        @Override
        public long drain(FenceRecord record, Duration deadline) {
            long millis = db.drain(record, deadline);
            effects.record("db:drained", "target", Map.of("drainMillis", millis));
            return millis;
        }

        @Override
        public void requireNoWritesPastFence(FenceRecord record) {
            db.requireNoWritesPastFence(record);
        }

        @Override
        public int endFencedSourceSessions() {
            int ended = db.endFencedSourceSessions();
            if (ended > 0) {
                effects.record("db:fenced-sessions-ended", "source", Map.of("sessions", ended));
            }
            return ended;
        }

        @Override
        public boolean endFenceWatch() {
            boolean ended = db.endFenceWatch();
            if (ended) {
                effects.record("db:fence-watch-ended", "source", Map.of());
            }
            return ended;
        }

        @Override
        public JsonNode syncSequences(io.cutover.core.port.db.FedColumnReads reads) {
            JsonNode report = db.syncSequences(reads);
            effects.record("db:setval", "target", report);
            return report;
        }

        @Override
        public JsonNode resetSessionReplicationRole() {
            JsonNode report = db.resetSessionReplicationRole();
            effects.record("db:session_replication_role", "target", report);
            return report;
        }

        @Override
        public JsonNode startReverseReplication() {
            JsonNode report = db.startReverseReplication();
            effects.record("db:reverse-replication", "target", report);
            return report;
        }

        @Override
        public FenceRecord fenceTarget(FenceRecord previous) {
            FenceRecord record = db.fenceTarget(previous);
            effects.record("db:fence", "target", Map.of("roles", record.roles(), "fenceLsn",
                    String.valueOf(record.fenceLsn()), "complete", record.complete()));
            return record;
        }

        @Override
        public long drainReverse(FenceRecord targetFence, Duration deadline) {
            long millis = db.drainReverse(targetFence, deadline);
            effects.record("db:drained", "source", Map.of("drainMillis", millis));
            return millis;
        }

        @Override
        public JsonNode prepareReverseReplication() {
            JsonNode report = db.prepareReverseReplication();
            effects.record("db:prepare-reverse", "target", report);
            return report;
        }

        @Override
        public List<String> reverseNotAppliedTables(String since) {
            return db.reverseNotAppliedTables(since);
        }

        @Override
        public JsonNode copyTablesOntoSource(List<String> tables, java.time.Duration timeout) {
            JsonNode report = db.copyTablesOntoSource(tables, timeout);
            effects.record("db:copy-tables", "source", report);
            return report;
        }

        @Override
        public List<String> tableCopyProblems(List<String> tables) {
            return db.tableCopyProblems(tables);
        }

        @Override
        public JsonNode syncSequencesOntoSource() {
            JsonNode report = db.syncSequencesOntoSource();
            effects.record("db:setval", "source", report);
            return report;
        }

        @Override
        public List<String> unfenceTarget(FenceRecord targetFence) {
            List<String> restored = db.unfenceTarget(targetFence);
            effects.record("db:unfence", "target", Map.of("roles", restored));
            return restored;
        }

        @Override
        public java.util.OptionalLong targetRowChangeCounter() {
            return db.targetRowChangeCounter();
        }

        @Override
        public JsonNode abandonReverseReplication() {
            JsonNode report = db.abandonReverseReplication();
            effects.record("db:abandonReverseReplication", "both", report);
            return report;
        }

        @Override
        public JsonNode closeFallbackWindow() {
            JsonNode report = db.closeFallbackWindow();
            effects.record("db:cleanup", "both", report);
            return report;
        }

        @Override
        public RowPrecount precountRows(String executionName, Instant startedAt) {
            return db.precountRows(executionName, startedAt);
        }

        @Override
        public RowCountOutcome verifyRowCounts(String executionName, RowPrecount precount) {
            return db.verifyRowCounts(executionName, precount);
        }

        @Override
        public void close() {
            db.close();
        }
    }
}
