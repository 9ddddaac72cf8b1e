package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.errors.ConfigUnavailableException;
import io.cutover.handlers.errors.LockHeldException;
import io.cutover.handlers.errors.PreflightFailedException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Config valid, record groups a weighted pair, replication running, target available, then the lock. Changes
 * nothing but the lock; returns the plan (polls, bakes, steps, deadline).
 */
public final class Preflight extends BaseTask<NoInput, Preflight.Checked> {
    /** The config that passed and when. */
    public record Checked(CutoverConfig config, Instant at, List<String> warnings) {
    }

    public Preflight() {
        super("preflight", NoInput::of, EnumSet.of(Phase.IDLE, Phase.READY, Phase.ROLLED_BACK), Lock.NOT_NEEDED);
    }

    @Override
    public RuntimeException configUnavailable(ConfigUnavailableException e) {
        return new PreflightFailedException("config: " + e.getMessage(), e);
    }

    @Override
    public RuntimeException outOfOrder(String migrationId, CutoverState state, Set<Phase> accepted) {
        return switch (state.phase()) {
            case COMPLETED -> new PreflightFailedException("migration " + migrationId + " is already completed");
            case ROLLING_BACK -> new PreflightFailedException("a rollback of " + migrationId
                    + " is still in progress");
            default -> new LockHeldException("a cutover of " + migrationId + " is under way (" + state.phase()
                    + ", execution " + state.executionName() + "): let it finish or roll it back first");
        };
    }

    @Override
    public Checked effect(TaskContext context, NoInput input) {
        CutoverConfig config = context.config();
        try {
            context.records().current(config);
        } catch (RuntimeException e) {
            throw new PreflightFailedException("record groups: " + e.getMessage(), e);
        }
        replicationRunning(context, config);
        targetAvailable(context, config);
        List<String> warnings = databasesReady(context);
        LockAcquisition lock = context.ports().lock().acquire(config.migrationId(), context.executionName());
        if (lock instanceof LockAcquisition.Refused refused) {
            throw new LockHeldException(refused.reason());
        }
        return new Checked(config, context.now(), warnings);
    }

    private static void replicationRunning(TaskContext context, CutoverConfig config) {
        if (config.replication().kind() == ReplicationKind.DMS) {
            DmsPoll poll = context.ports().dms().poll(config.replication().dmsTaskArns(),
                    config.readiness().maxSampleAge(ReplicationKind.DMS));
            List<String> notRunning = poll.tasks().stream().filter(t -> !"running".equals(t.apiStatus()))
                    .map(t -> t.taskArn() + " is " + t.apiStatus()).toList();
            if (!notRunning.isEmpty()) {
                throw new PreflightFailedException("replication: " + String.join("; ", notRunning));
            }
        } else {
            try (DatabaseSide db = context.databases()) {
                List<NativeSlotFacts> slots = db.observeNative();
                if (slots.size() < config.replication().slots().size()) {
                    throw new PreflightFailedException("replication: configured slots " + config.replication().slots()
                            + ", found " + slots.stream().map(NativeSlotFacts::slotName).toList());
                }
            }
        }
    }

    /** The database checks that need no fence: refused here, before anything changed, not inside the window. */
    private static List<String> databasesReady(TaskContext context) {
        DatabaseSide.PreflightFindings findings;
        try (DatabaseSide db = context.databases()) {
            findings = db.preflight();
        }
        if (!findings.refusals().isEmpty()) {
            throw new PreflightFailedException("databases: " + String.join("; ", findings.refusals()));
        }
        return findings.warnings();
    }

    private static void targetAvailable(TaskContext context, CutoverConfig config) {
        ClusterFacts cluster = context.ports().clusters().describe(config.target().clusterIdentifier());
        if (!cluster.engine().equals(config.target().engine().wireName())) {
            throw new PreflightFailedException("target: cluster " + cluster.clusterId() + " runs " + cluster.engine()
                    + " but the config says " + config.target().engine().wireName());
        }
        if (!"available".equals(cluster.status())) {
            throw new PreflightFailedException("target: cluster " + cluster.clusterId() + " is " + cluster.status()
                    + ", not available");
        }
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, Checked checked) {
        CutoverConfig config = checked.config();
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.put("pollSeconds", config.readiness().pollSeconds());
        plan.put("bakeSeconds", config.bakeSeconds());
        plan.put("readinessDeadline", checked.at().plusSeconds(config.readiness().deadlineSeconds()).toString());
        ArrayNode steps = plan.putArray("steps");
        config.readerSteps().forEach(steps::add);
        plan.put("watchAfterSwitchSeconds", config.watchAfterSwitchSeconds());
        ArrayNode warnings = plan.putArray("warnings");
        checked.warnings().forEach(warnings::add);
        plan.put("watchPollSeconds", Math.max(1, Math.min(config.readiness().pollSeconds(),
                Math.max(1, config.watchAfterSwitchSeconds()))));
        return plan;
    }
}
