package io.cutover.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSideFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both databases as a healthy pair answers: every configured slot active and caught up with its subscription enabled,
 * DMS control tables with no apply exception, the fence complete, the drain immediate, row counts equal. For
 * IamCallPathsIT, so the AWS calls a function makes only after a database answered (the native readiness's alarm read
 * and the automatic start, what the tasks store after a fence) are recorded too; what the adapters do on PostgreSQL
 * is proven by their own ITs, not here.
 */
final class HealthyDatabases implements DatabaseSideFactory {
    /** The source's WAL position at the fence; the drain and the rollback point use it. */
    static final String FENCE_LSN = "0/16B3750";

    @Override
    public DatabaseSide open(CutoverConfig config) {
        return new Healthy(config);
    }

    private record Healthy(CutoverConfig config) implements DatabaseSide {
        @Override
        public List<NativeSlotFacts> observeNative() {
            return config.replication().slots().stream()
                    .map(slot -> new NativeSlotFacts(slot, true, 0, 0, Duration.ZERO, true)).toList();
        }

        @Override
        public Map<String, DmsControlRow> dmsControlTables() {
            Map<String, DmsControlRow> rows = new LinkedHashMap<>();
            config.replication().dmsTaskArns().forEach(arn -> rows.put(arn, new DmsControlRow("CHANGE PROCESSING", 0)));
            return rows;
        }

        @Override
        public PreflightFindings preflight() {
            return new PreflightFindings(List.of(), List.of());
        }

        @Override
        public String sourcePosition() {
            return FENCE_LSN;
        }

        @Override
        public FenceRecord recordBeforeFence() {
            return new FenceRecord(List.of(), false, "recorded before fencing", null, null,
                    Json.MAPPER.createArrayNode());
        }

        @Override
        public FenceRecord fence(FenceRecord previous) {
            return new FenceRecord(config.fence().roles(), true, null, FENCE_LSN, "2026-11-21T09:59:00Z",
                    Json.MAPPER.createArrayNode());
        }

        @Override
        public List<String> unfence(FenceRecord record) {
            return record.roles();
        }

        @Override
        public long drain(FenceRecord record, Duration deadline) {
            return 5;
        }

        @Override
        public void requireTargetWritable() {
        }

        @Override
        public JsonNode syncSequences(io.cutover.core.port.db.FedColumnReads reads) {
            return report("{\"sequences\": [], \"problems\": []}");
        }

        @Override
        public JsonNode resetSessionReplicationRole() {
            return report("{\"before\": {\"sessionValue\": \"origin\", \"allOrigin\": true}}");
        }

        @Override
        public void requireNoWritesPastFence(FenceRecord record) {
        }

        @Override
        public int endFencedSourceSessions() {
            return 0;
        }

        @Override
        public boolean endFenceWatch() {
            return true;
        }

        @Override
        public JsonNode startReverseReplication() {
            return report("{\"started\": true}");
        }

        @Override
        public JsonNode abandonReverseReplication() {
            return report("{\"abandoned\": true}");
        }

        @Override
        public FenceRecord fenceTarget(FenceRecord previous) {
            return new FenceRecord(config.fence().roles(), true, null, "0/26B3750", "2026-11-21T10:30:00Z",
                    Json.MAPPER.createArrayNode());
        }

        @Override
        public long drainReverse(FenceRecord targetFence, Duration deadline) {
            return 5;
        }

        @Override
        public JsonNode prepareReverseReplication() {
            return report("{\"prepared\": true, \"created\": []}");
        }

        @Override
        public List<String> reverseNotAppliedTables(String since) {
            return List.of();
        }

        @Override
        public JsonNode copyTablesOntoSource(List<String> tables, java.time.Duration timeout) {
            throw new AssertionError("no table to copy here: " + tables);
        }

        @Override
        public List<String> tableCopyProblems(List<String> tables) {
            return List.of();
        }

        @Override
        public JsonNode syncSequencesOntoSource() {
            return report("{\"sequences\": [], \"problems\": []}");
        }

        @Override
        public java.util.List<String> unfenceTarget(FenceRecord targetFence) {
            return java.util.List.of();
        }

        @Override
        public java.util.OptionalLong targetRowChangeCounter() {
            return java.util.OptionalLong.empty();
        }

        @Override
        public JsonNode closeFallbackWindow() {
            return report("{\"closed\": true}");
        }

        @Override
        public io.cutover.core.rowcount.RowPrecount precountRows(String executionName,
                                                                 java.time.Instant startedAt) {
            return null;
        }

        @Override
        public RowCountOutcome verifyRowCounts(String executionName, io.cutover.core.rowcount.RowPrecount precount) {
            return new RowCountOutcome(2, List.of(), null);
        }

        @Override
        public void close() {
        }

        private static JsonNode report(String json) {
            return Json.parseTree(json, "report");
        }
    }
}
