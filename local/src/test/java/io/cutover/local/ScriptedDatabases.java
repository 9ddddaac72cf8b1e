package io.cutover.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSideFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Databases whose answers a test sets step by step: each step answers what its supplier gives (or throws what it
 * throws). For handler tests that need one database answer, not a database; the adapters' own ITs run on PostgreSQL.
 */
final class ScriptedDatabases implements DatabaseSideFactory {
    Supplier<FenceRecordAnswer> fence = () -> new FenceRecordAnswer(true, null);
    Supplier<Long> drainMillis = () -> 5L;
    Supplier<DatabaseSide.RowCountOutcome> rowCounts = () -> new DatabaseSide.RowCountOutcome(1, List.of(), null);
    Runnable targetWritable = () -> { };
    Runnable noWritesPastFence = () -> { };
    Supplier<DatabaseSide.PreflightFindings> preflight = () -> new DatabaseSide.PreflightFindings(List.of(),
            List.of());
    Supplier<String> sourcePosition = () -> "0/16B3748";
    Supplier<JsonNode> sequences = () -> Json.parseTree("{\"sequences\": [], \"problems\": []}", "report");
    Supplier<JsonNode> reverseReplication = () -> Json.parseTree("{\"started\": true}", "report");
    Supplier<JsonNode> sessionReplicationRole = () -> Json.parseTree(
            "{\"before\": {\"sessionValue\": \"origin\", \"allOrigin\": true}}", "report");
    /** Whether the target's application roles are fenced now (the switch in reverse sets it). */
    volatile boolean targetFenced;
    /** The tables each copyTablesOntoSource call was given, in order. */
    final java.util.List<java.util.List<String>> copied = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** For each copy: whether the target was fenced and the reverse stream drained when it began. */
    final java.util.List<Boolean> copiedWhileFencedAndDrained = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Whether drainReverse ran. */
    volatile boolean reverseDrained;
    /** Tables the reverse task logged as not applied, as read after the reverse drain (none before it). */
    volatile java.util.List<String> notAppliedAfterDrain = java.util.List.of();
    /** Tables tableCopyProblems says cannot be copied. */
    volatile java.util.List<String> uncopyable = java.util.List.of();
    /** Whether the source's application roles are fenced now: fence sets it, unfence clears it. */
    volatile boolean sourceFenced;
    /** Run once, just before and just after the next fence (a race test's rollback goes there). */
    Runnable beforeNextFence = () -> { };
    Runnable afterNextFence = () -> { };

    /** Whether the fence completes, and the error it reports when not. */
    record FenceRecordAnswer(boolean complete, String error) {
    }

    @Override
    public DatabaseSide open(CutoverConfig config) {
        List<String> roles = config.fence().roles();
        return new DatabaseSide() {
            @Override
            public List<NativeSlotFacts> observeNative() {
                return List.of();
            }

            @Override
            public Map<String, DmsControlRow> dmsControlTables() {
                return Map.of();
            }

            @Override
            public PreflightFindings preflight() {
                return preflight.get();
            }

            @Override
            public String sourcePosition() {
                return sourcePosition.get();
            }

            @Override
            public FenceRecord recordBeforeFence() {
                return new FenceRecord(List.of(), false, "recorded before fencing", null, null,
                        Json.MAPPER.createArrayNode());
            }

            @Override
            public FenceRecord fence(FenceRecord previous) {
                Runnable before = beforeNextFence;
                Runnable after = afterNextFence;
                beforeNextFence = () -> { };
                afterNextFence = () -> { };
                before.run();
                FenceRecordAnswer answer = fence.get();
                sourceFenced = sourceFenced || answer.complete();
                after.run();
                return new FenceRecord(answer.complete() ? roles : List.of(), answer.complete(), answer.error(),
                        "0/16B3750", "2026-11-21T10:00:00Z", Json.MAPPER.createArrayNode());
            }

            @Override
            public List<String> unfence(FenceRecord record) {
                sourceFenced = false;
                return record.roles();
            }

            @Override
            public long drain(FenceRecord record, Duration deadline) {
                return drainMillis.get();
            }

            @Override
            public void requireTargetWritable() {
                targetWritable.run();
            }

            @Override
            public void requireNoWritesPastFence(FenceRecord record) {
                noWritesPastFence.run();
            }

            @Override
            public int endFencedSourceSessions() {
                return 0;
            }

            @Override
            public boolean endFenceWatch() {
                return false;
            }

            @Override
            public JsonNode syncSequences(io.cutover.core.port.db.FedColumnReads reads) {
                return sequences.get();
            }

            @Override
            public JsonNode resetSessionReplicationRole() {
                return sessionReplicationRole.get();
            }

            @Override
            public FenceRecord fenceTarget(FenceRecord previous) {
                targetFenced = true;
                return new FenceRecord(roles, true, null, "0/26B3750", "2026-11-21T10:30:00Z",
                        Json.MAPPER.createArrayNode());
            }

            @Override
            public long drainReverse(FenceRecord targetFence, Duration deadline) {
                reverseDrained = true;
                return drainMillis.get();
            }

            @Override
            public List<String> reverseNotAppliedTables(String since) {
                return reverseDrained ? notAppliedAfterDrain : List.of();
            }

            @Override
            public JsonNode copyTablesOntoSource(List<String> tables, java.time.Duration timeout) {
                List<String> refused = tables.stream().filter(uncopyable::contains).toList();
                if (!refused.isEmpty()) {
                    throw new io.cutover.core.port.db.DatabaseStepException("table copy", refused
                            + " has no primary key");
                }
                copied.add(List.copyOf(tables));
                copiedWhileFencedAndDrained.add(targetFenced && reverseDrained);
                return Json.MAPPER.createObjectNode().set("tables", Json.MAPPER.valueToTree(tables));
            }

            @Override
            public List<String> tableCopyProblems(List<String> tables) {
                return tables.stream().filter(uncopyable::contains).map(t -> t + " has no primary key").toList();
            }

            @Override
            public JsonNode syncSequencesOntoSource() {
                return sequences.get();
            }

            @Override
            public java.util.List<String> unfenceTarget(FenceRecord targetFence) {
                targetFenced = false;
                return java.util.List.of();
            }

            @Override
            public java.util.OptionalLong targetRowChangeCounter() {
                return java.util.OptionalLong.empty();
            }

            @Override
            public JsonNode closeFallbackWindow() {
                return Json.parseTree("{\"closed\": true}", "report");
            }

            @Override
            public JsonNode abandonReverseReplication() {
                return Json.parseTree("{\"abandoned\": true}", "report");
            }

            @Override
            public JsonNode prepareReverseReplication() {
                return Json.parseTree("{\"prepared\": false, \"created\": []}", "report");
            }

            @Override
            public JsonNode startReverseReplication() {
                return reverseReplication.get();
            }

            @Override
            public io.cutover.core.rowcount.RowPrecount precountRows(String executionName,
                                                                     java.time.Instant startedAt) {
                return null;
            }

            @Override
            public RowCountOutcome verifyRowCounts(String executionName,
                                                   io.cutover.core.rowcount.RowPrecount precount) {
                return rowCounts.get();
            }

            @Override
            public void close() {
            }
        };
    }
}
