package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseMachine;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.core.port.cloud.LockRelease;
import io.cutover.core.readiness.DmsTaskFacts;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.rollback.RollbackPlanner;
import io.cutover.core.weights.WeightPlan;
import io.cutover.core.weights.WeightPlanner;
import io.cutover.handlers.errors.AlarmFiredException;
import io.cutover.handlers.errors.CutoverAbortedException;
import io.cutover.handlers.errors.DrainTimeoutException;
import io.cutover.handlers.errors.HealthCheckFailedException;
import io.cutover.handlers.errors.LockHeldException;
import io.cutover.handlers.errors.PreflightFailedException;
import io.cutover.handlers.errors.RowCountMismatchException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state machine's tasks. Every forward task first checks that its execution still owns the
 * migration and that no rollback has started; then it acts, idempotently, and records the phase.
 */
public final class WorkflowTasks {
    public static final List<String> NAMES = List.of("preflight", "checkReadiness", "recordRollbackPoint",
            "shiftReaders", "verifyHealth", "snapshotSource", "fenceSource", "drain", "syncSequences",
            "resetSessionReplicationRole", "verifyRowCounts", "switchWriter", "stopReplication", "watch", "complete",
            "rollback", "recover", "finishRollback", "abandon");

    private final CloudPorts ports;
    private final ReadinessService readiness;
    private final RollbackService rollbacks;
    private final RecordGroups records;

    public WorkflowTasks(CloudPorts ports) {
        this.ports = ports;
        this.readiness = new ReadinessService(ports);
        this.rollbacks = new RollbackService(ports);
        this.records = new RecordGroups(ports.records());
    }

    /** One task invocation: the task name, the migration and the execution that owns it. */
    public record TaskCall(String task, String migrationId, String executionName, JsonNode input) {
    }

    public ObjectNode run(TaskCall call) {
        CutoverStore store = new CutoverStore(ports.store(), call.migrationId());
        if (call.task().equals("preflight")) {
            return preflight(store, call);
        }
        CutoverConfig config = store.config();
        return switch (call.task()) {
            case "checkReadiness" -> checkReadiness(store, config, call);
            case "recordRollbackPoint" -> recordRollbackPoint(store, config, call);
            case "shiftReaders" -> shiftReaders(store, config, call);
            case "verifyHealth" -> verifyHealth(store, config, call);
            case "snapshotSource" -> snapshotSource(config, call);
            case "fenceSource" -> fenceSource(store, config, call);
            case "drain" -> drain(store, config, call);
            case "syncSequences" -> withDatabase(store, config, call, db -> db.syncSequences());
            case "resetSessionReplicationRole" -> withDatabase(store, config, call,
                    db -> db.resetSessionReplicationRole());
            case "verifyRowCounts" -> verifyRowCounts(store, config, call);
            case "switchWriter" -> switchWriter(store, config, call);
            case "stopReplication" -> stopReplication(store, config, call);
            case "watch" -> watch(store, config, call);
            case "complete" -> complete(store, config, call);
            case "rollback" -> rollback(store, config, call);
            case "recover" -> recover(store, config);
            case "finishRollback" -> finishRollback(store, call);
            case "abandon" -> abandon(store, call);
            default -> throw new IllegalArgumentException("task: unknown task '" + call.task() + "'; expected one of "
                    + NAMES);
        };
    }

    private ObjectNode preflight(CutoverStore store, TaskCall call) {
        CutoverConfig config;
        try {
            config = store.config();
        } catch (InvalidDocumentException | IllegalStateException e) {
            throw new PreflightFailedException("config: " + e.getMessage(), e);
        }
        Instant now = ports.clock().instant();
        CutoverState state = store.state(now);
        if (state.phase() == Phase.COMPLETED) {
            throw new PreflightFailedException("migration " + config.migrationId() + " is already completed");
        }
        if (state.phase() == Phase.ROLLING_BACK) {
            throw new PreflightFailedException("a rollback of " + config.migrationId() + " is still in progress");
        }
        try {
            records.current(config);
        } catch (RuntimeException e) {
            throw new PreflightFailedException("record groups: " + e.getMessage(), e);
        }
        replicationRunning(config);
        targetAvailable(config);
        LockAcquisition lock = ports.lock().acquire(config.migrationId(), call.executionName());
        if (lock instanceof LockAcquisition.Refused refused) {
            throw new LockHeldException(refused.reason());
        }
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.put("pollSeconds", config.readiness().pollSeconds());
        plan.put("bakeSeconds", config.bakeSeconds());
        plan.put("readinessDeadline", now.plusSeconds(config.readiness().deadlineSeconds()).toString());
        ArrayNode steps = plan.putArray("steps");
        config.readerSteps().forEach(steps::add);
        plan.put("watchAfterSwitchSeconds", config.watchAfterSwitchSeconds());
        plan.put("watchPollSeconds", Math.max(1, Math.min(config.readiness().pollSeconds(),
                Math.max(1, config.watchAfterSwitchSeconds()))));
        return plan;
    }

    private void replicationRunning(CutoverConfig config) {
        if (config.replication().kind() == ReplicationKind.DMS) {
            DmsPoll poll = ports.dms().poll(config.replication().dmsTaskArns(),
                    Duration.ofSeconds(config.readiness().maxSampleAgeSeconds()));
            List<String> notRunning = poll.tasks().stream().filter(t -> !"running".equals(t.apiStatus()))
                    .map(t -> t.taskArn() + " is " + t.apiStatus()).toList();
            if (!notRunning.isEmpty()) {
                throw new PreflightFailedException("replication: " + String.join("; ", notRunning));
            }
        } else {
            try (DatabaseSide db = ports.databases().open(config)) {
                List<NativeSlotFacts> slots = db.observeNative();
                if (slots.size() < config.replication().slots().size()) {
                    throw new PreflightFailedException("replication: configured slots " + config.replication().slots()
                            + ", found " + slots.stream().map(NativeSlotFacts::slotName).toList());
                }
            }
        }
    }

    private void targetAvailable(CutoverConfig config) {
        ClusterFacts cluster = ports.clusters().describe(config.target().clusterIdentifier());
        if (!cluster.engine().equals(config.target().engine().wireName())) {
            throw new PreflightFailedException("target: cluster " + cluster.clusterId() + " runs " + cluster.engine()
                    + " but the config says " + config.target().engine().wireName());
        }
        if (!"available".equals(cluster.status())) {
            throw new PreflightFailedException("target: cluster " + cluster.clusterId() + " is " + cluster.status()
                    + ", not available");
        }
    }

    private ObjectNode checkReadiness(CutoverStore store, CutoverConfig config, TaskCall call) {
        Gate gate = "writer".equals(call.input().path("gate").asText()) ? Gate.WRITER : Gate.READER;
        ReadinessVerdict verdict = readiness.check(store, config, gate, gate == Gate.WRITER, true);
        Instant now = ports.clock().instant();
        if (verdict.ready() && gate == Gate.READER) {
            CutoverState state = store.state(now);
            if (state.phase() == Phase.IDLE || state.phase() == Phase.ROLLED_BACK) {
                store.saveState(PhaseMachine.armed(state, call.executionName(), now, verdict.summary()));
            }
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("ready", verdict.ready());
        JsonNode given = call.input().path("deadline");
        // No deadline yet (the writer gate's first check): the window starts now.
        Instant deadline = given.isTextual() ? Instant.parse(given.asText())
                : now.plusSeconds(config.readiness().deadlineSeconds());
        result.put("deadlinePassed", now.isAfter(deadline));
        result.put("summary", verdict.summary());
        result.put("deadline", deadline.toString());
        return result;
    }

    private ObjectNode recordRollbackPoint(CutoverStore store, CutoverConfig config, TaskCall call) {
        CutoverState state = guard(store, call);
        RollbackService.RollbackPoint point = store.document(CutoverStore.ROLLBACK_POINT,
                RollbackService.RollbackPoint.class).orElse(null);
        // A point from an earlier attempt would send a recovery too far back: record one per attempt.
        if (point == null || state.phase() == Phase.READY) {
            String position;
            try (DatabaseSide db = ports.databases().open(config)) {
                position = db.sourcePosition();
            }
            point = new RollbackService.RollbackPoint(ports.clock().instant(), position);
            store.saveDocument(CutoverStore.ROLLBACK_POINT, point);
        }
        return Json.MAPPER.valueToTree(point);
    }

    private ObjectNode shiftReaders(CutoverStore store, CutoverConfig config, TaskCall call) {
        CutoverState state = guard(store, call);
        int percent = call.input().path("percent").asInt(-1);
        WeightPlan plan = new WeightPlanner(config).readerShift(percent, records.current(config));
        records.apply(plan);
        Instant now = ports.clock().instant();
        if (state.phase() == Phase.IDLE) {
            state = PhaseMachine.transition(state, Phase.READY, 0, call.executionName(), now, "workflow").orThrow();
        }
        store.saveState(PhaseMachine.transition(state, Phase.SHIFTING, percent, call.executionName(), now,
                "readers to " + percent + "%").orThrow());
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("changed", !plan.isNoOp());
        result.set("weights", Plans.weights(RecordGroups.after(plan)));
        return result;
    }

    private ObjectNode verifyHealth(CutoverStore store, CutoverConfig config, TaskCall call) {
        guard(store, call);
        ReadinessVerdict verdict = readiness.check(store, config, Gate.READER,
                config.replication().kind() == ReplicationKind.DMS, true);
        if (!verdict.ready()) {
            throw new HealthCheckFailedException("unhealthy at " + call.input().path("percent").asInt() + "%: "
                    + verdict.summary());
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("healthy", true);
        result.put("summary", verdict.summary());
        return result;
    }

    private ObjectNode snapshotSource(CutoverConfig config, TaskCall call) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        if (config.snapshotSourceInstance() == null) {
            result.putNull("snapshot");
        } else {
            result.put("snapshot", String.valueOf(ports.clusters().snapshotInstance(config.snapshotSourceInstance(),
                    "cutover-" + call.executionName())));
        }
        return result;
    }

    private ObjectNode fenceSource(CutoverStore store, CutoverConfig config, TaskCall call) {
        CutoverState state = guard(store, call);
        Instant now = ports.clock().instant();
        if (state.phase() != Phase.FENCED) {
            store.saveState(PhaseMachine.transition(state, Phase.FENCED, 100, call.executionName(), now,
                    "fencing " + config.fence().roles()).orThrow());
        }
        RollbackService.FenceState previous = store.document(CutoverStore.FENCE, RollbackService.FenceState.class)
                .filter(f -> !f.restored()).orElse(null);
        DatabaseSide.FenceRecord record;
        try (DatabaseSide db = ports.databases().open(config)) {
            if (previous == null) {
                // Saved before any role changes: should this invocation die between fencing and saving its report,
                // the rollback still knows every role's original settings and restores them.
                previous = new RollbackService.FenceState(db.recordBeforeFence(), false);
                store.saveDocument(CutoverStore.FENCE, previous);
            }
            record = db.fence(previous.record());
        }
        store.saveDocument(CutoverStore.FENCE, new RollbackService.FenceState(record, false));
        if (!record.complete()) {
            throw new IllegalStateException("fence incomplete: " + record.error());
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode roles = result.putArray("fencedRoles");
        record.roles().forEach(roles::add);
        result.put("fenceLsn", record.fenceLsn());
        return result;
    }

    private ObjectNode drain(CutoverStore store, CutoverConfig config, TaskCall call) {
        CutoverState state = guard(store, call);
        RollbackService.FenceState fence = store.document(CutoverStore.FENCE, RollbackService.FenceState.class)
                .orElseThrow(() -> new IllegalStateException("drain before fence: no fence record"));
        long millis;
        try (DatabaseSide db = ports.databases().open(config)) {
            millis = db.drain(fence.record(), Duration.ofSeconds(config.drainTimeoutSeconds()));
        }
        if (config.replication().kind() == ReplicationKind.DMS) {
            List<DmsTaskFacts> pending = ports.dms().poll(config.replication().dmsTaskArns(), Duration.ofMinutes(5))
                    .tasks().stream().filter(t -> t.incomingChanges() != null && t.incomingChanges() > 0).toList();
            if (!pending.isEmpty()) {
                throw new DrainTimeoutException("CDCIncomingChanges is not 0 for " + pending.stream()
                        .map(t -> t.taskArn() + " (" + t.incomingChanges() + ")").toList());
            }
        }
        if (state.phase() == Phase.FENCED) {
            store.saveState(PhaseMachine.transition(state, Phase.DRAINED, 100, call.executionName(),
                    ports.clock().instant(), "drained in " + millis + " ms").orThrow());
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("drainMillis", millis);
        return result;
    }

    private ObjectNode verifyRowCounts(CutoverStore store, CutoverConfig config, TaskCall call) {
        guard(store, call);
        DatabaseSide.RowCountOutcome outcome;
        try (DatabaseSide db = ports.databases().open(config)) {
            outcome = db.verifyRowCounts();
        }
        if (!outcome.mismatched().isEmpty()) {
            throw new RowCountMismatchException("row counts differ for " + outcome.mismatched());
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("tables", outcome.tables());
        result.putArray("mismatched");
        return result;
    }

    private ObjectNode switchWriter(CutoverStore store, CutoverConfig config, TaskCall call) {
        CutoverState state = guard(store, call);
        try (DatabaseSide db = ports.databases().open(config)) {
            db.requireTargetWritable();
        }
        WeightPlan plan = new WeightPlanner(config).writerSwitch(records.current(config));
        records.apply(plan);
        Instant now = ports.clock().instant();
        if (state.phase() == Phase.DRAINED) {
            state = PhaseMachine.transition(state, Phase.SWITCHED, 100, call.executionName(), now, "writer on target")
                    .orThrow();
            store.saveState(state);
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.set("weights", Plans.weights(RecordGroups.after(plan)));
        Instant switchedAt = state.history().isEmpty() ? now : state.history().get(state.history().size() - 1).at();
        result.put("switchedAt", switchedAt.toString());
        return result;
    }

    private ObjectNode stopReplication(CutoverStore store, CutoverConfig config, TaskCall call) {
        guard(store, call);
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode stopped = result.putArray("stopped");
        if (config.stopDmsTaskAfterSwitch() && config.replication().kind() == ReplicationKind.DMS) {
            for (String arn : config.replication().dmsTaskArns()) {
                stopped.add(ports.dmsTasks().stop(arn));
            }
        }
        return result;
    }

    private ObjectNode watch(CutoverStore store, CutoverConfig config, TaskCall call) {
        guard(store, call);
        Map<String, AlarmState> alarms = readiness.alarmStates(config);
        if (alarms != null) {
            List<String> firing = alarms.entrySet().stream().filter(e -> e.getValue() == AlarmState.ALARM)
                    .map(Map.Entry::getKey).toList();
            if (!firing.isEmpty()) {
                throw new AlarmFiredException("alarm(s) in ALARM after the switch: " + firing);
            }
        }
        Instant since = Instant.parse(call.input().path("since").asText());
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("done", !ports.clock().instant().isBefore(since.plusSeconds(config.watchAfterSwitchSeconds())));
        return result;
    }

    private ObjectNode complete(CutoverStore store, CutoverConfig config, TaskCall call) {
        CutoverState state = guard(store, call);
        if (state.phase() == Phase.SWITCHED) {
            store.saveState(PhaseMachine.transition(state, Phase.COMPLETED, 100, call.executionName(),
                    ports.clock().instant(), "watch passed").orThrow());
        }
        release(config.migrationId(), call.executionName());
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("outcome", "completed");
        return result;
    }

    private ObjectNode rollback(CutoverStore store, CutoverConfig config, TaskCall call) {
        JsonNode cause = call.input().path("cause");
        String reason = cause.isMissingNode() || cause.isNull() ? "workflow rollback"
                : cause.path("Error").asText("error") + ": " + cause.path("Cause").asText("");
        return rollbacks.revertTraffic(store, config, reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    private ObjectNode recover(CutoverStore store, CutoverConfig config) {
        CutoverState state = store.state(ports.clock().instant());
        RollbackPlan plan = new RollbackPlanner(config).plan(null, RollbackService.phaseBeforeRollback(state));
        return rollbacks.recover(store, config, plan);
    }

    private ObjectNode finishRollback(CutoverStore store, TaskCall call) {
        rollbacks.finish(store, "workflow rolled back");
        release(call.migrationId(), call.executionName());
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("outcome", "rolled_back");
        return result;
    }

    /** Before any weight moved: give the migration back untouched (lock released if ours, READY back to IDLE). */
    private ObjectNode abandon(CutoverStore store, TaskCall call) {
        Instant now = ports.clock().instant();
        JsonNode cause = call.input().path("cause");
        boolean timedOut = "ReadinessTimedOut".equals(cause.path("Error").asText());
        CutoverState state = store.state(now);
        if (state.phase() == Phase.READY) {
            store.saveState(PhaseMachine.transition(state, Phase.IDLE, 0, call.executionName(), now,
                    timedOut ? "readiness deadline passed" : "abandoned: " + cause.path("Error").asText()).orThrow());
        }
        LockRelease release = ports.lock().release(call.migrationId(), call.executionName());
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("outcome", timedOut ? "not_ready" : "abandoned");
        result.put("lockReleased", release instanceof LockRelease.Released);
        return result;
    }

    private ObjectNode withDatabase(CutoverStore store, CutoverConfig config, TaskCall call,
                                    java.util.function.Function<DatabaseSide, JsonNode> step) {
        guard(store, call);
        try (DatabaseSide db = ports.databases().open(config)) {
            // The report is the task's result: the state machine reads its fields (e.g. $.sequences).
            return (ObjectNode) step.apply(db);
        }
    }

    /** The execution must still own the migration, and no rollback may have begun. */
    private CutoverState guard(CutoverStore store, TaskCall call) {
        CutoverState state = store.state(ports.clock().instant());
        if (state.phase() == Phase.ROLLING_BACK || state.phase() == Phase.ROLLED_BACK) {
            throw new CutoverAbortedException("migration " + call.migrationId() + " is " + state.phase()
                    + ": " + call.task() + " will not run");
        }
        LockAcquisition lock = ports.lock().acquire(call.migrationId(), call.executionName());
        if (lock instanceof LockAcquisition.Refused refused) {
            throw new CutoverAbortedException(refused.reason());
        }
        return state;
    }

    private void release(String migrationId, String owner) {
        LockRelease release = ports.lock().release(migrationId, owner);
        if (release instanceof LockRelease.Refused refused) {
            throw new IllegalStateException(refused.reason());
        }
    }
}
