package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseChange;
import io.cutover.core.phase.PhaseMachine;
import io.cutover.core.phase.RollbackRequest;
import io.cutover.core.port.cloud.BacktrackResult;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.rollback.RollbackRoute;
import io.cutover.core.weights.WeightPlan;
import io.cutover.core.weights.WeightPlanner;
import io.cutover.handlers.errors.RollbackPointMissingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rollback steps, shared by the API, the alarm handler and the workflow. Each step is safe to
 * repeat: weights already on the source are not rewritten, a fence already restored is not restored
 * twice. A rollback never waits for the migration lock: it must work while a workflow holds it.
 */
public final class RollbackService {
    private final CloudPorts ports;
    private final RecordGroups records;
    private final RestoreSteps restores;
    private final ReverseSwitch reverseSwitch;

    public RollbackService(CloudPorts ports) {
        this.ports = ports;
        this.records = new RecordGroups(ports.records());
        this.restores = new RestoreSteps(ports);
        this.reverseSwitch = new ReverseSwitch(ports.databases(), ports.dmsTasks(), ports.dms());
    }

    /** The steps of a point-in-time restore, each one workflow task. */
    public RestoreSteps restores() {
        return restores;
    }

    /**
     * Records the rollback request first (an active cutover's; docs/rollback-wins.md), then marks the cutover as
     * rolling back, moves every record to the source and unfences the source.
     *
     * @param requestedBy who asks ({@code alarm NAME}, {@code api}, {@code workflow EXECUTION}), shown by status
     */
    public ObjectNode revertTraffic(CutoverStore store, CutoverConfig config, String requestedBy, String reason) {
        return revertTraffic(store, config, requestedBy, reason, records.current(config));
    }

    /** As {@link #revertTraffic(CutoverStore, CutoverConfig, String, String)}, from weights the caller just read. */
    public ObjectNode revertTraffic(CutoverStore store, CutoverConfig config, String requestedBy, String reason,
                                   Map<String, Weights> current) {
        Instant now = ports.clock().instant();
        CutoverState state = store.state(now);
        if (state.phase().isActive()) {
            store.requestRollback(RollbackRequest.of(requestedBy, now, reason));
            store.saveState(PhaseMachine.rollingBack(state, now, reason));
        }
        Reverted reverted = revert(store, config, current);
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.set("weights", Plans.weights(RecordGroups.after(reverted.plan())));
        result.put("weightsChanged", !reverted.plan().isNoOp());
        ArrayNode unfenced = result.putArray("unfencedRoles");
        reverted.unfencedRoles().forEach(unfenced::add);
        result.put("route", reverted.route().name());
        result.put("routeDetail", reverted.route().describe());
        if (reverted.reverseReplicationAbandoned() != null) {
            result.set("reverseReplicationAbandoned", reverted.reverseReplicationAbandoned());
        }
        if (reverted.reverseSwitch() != null) {
            result.set("reverseSwitch", reverted.reverseSwitch());
        }
        return result;
    }

    /**
     * A forward step that finds a rollback requested after its effect hands it over: every record back to the source
     * (its own change included) and the source unfenced, as the rollback does; the state is the rollback's to write.
     */
    public void handOver(CutoverStore store, CutoverConfig config) {
        revert(store, config, records.current(config));
    }

    /**
     * What every rollback does to traffic and the source. Before the writer moved: records back from {@code current},
     * then the unfence. After (issue 18): the switch in reverse — the target fenced and drained into the source, the
     * sequences carried back, then the source unfenced, then the records back — so nobody writes to both and no
     * write the target acknowledged is left behind.
     */
    private Reverted revert(CutoverStore store, CutoverConfig config, Map<String, Weights> current) {
        RollbackRoute route = RollbackRoute.choose(config, current, ReverseSwitch.running(store),
                store.document(ReverseSwitch.TARGET_FENCE, FenceState.class).isPresent());
        WeightPlan plan = new WeightPlanner(config).rollback(current);
        if (route != RollbackRoute.REVERSE_SWITCH) {
            records.apply(plan, store);
            List<String> unfenced = unfence(store, config);
            // The writer never moved but the reverse replication had started (and forward replication stopped):
            // undone, so the target follows the source again.
            ObjectNode abandoned = route != RollbackRoute.TRAFFIC_ONLY ? null : ReverseSwitch.running(store)
                    ? reverseSwitch.abandon(store, config) : reverseSwitch.dropPrepared(store, config);
            return new Reverted(plan, unfenced, route, null, abandoned);
        }
        ObjectNode carried = reverseSwitch.carryBack(store, config);
        List<String> unfenced = unfence(store, config);
        records.apply(plan, store);
        return new Reverted(plan, unfenced, route, carried, null);
    }

    private record Reverted(WeightPlan plan, List<String> unfencedRoles, RollbackRoute route,
                            ObjectNode reverseSwitch, ObjectNode reverseReplicationAbandoned) {
    }

    /** Restores the source roles if a fence record says they were fenced and not yet restored. */
    public List<String> unfence(CutoverStore store, CutoverConfig config) {
        Optional<FenceState> fence = store.document(CutoverStore.FENCE, FenceState.class);
        if (fence.isEmpty() || fence.get().restored()) {
            return List.of();
        }
        List<String> restored;
        try (DatabaseSide db = ports.databases().open(config)) {
            restored = db.unfence(fence.get().record());
        }
        store.saveDocument(CutoverStore.FENCE, new FenceState(fence.get().record(), true));
        return restored;
    }

    /**
     * Runs the recovery the plan names against the target cluster: Backtrack (one request; RDS rewinds the cluster in
     * place), or the start of a point-in-time restore, whose wait and writer the workflow sees to
     * ({@code "restoring": true}).
     */
    public ObjectNode recover(CutoverStore store, CutoverConfig config, RollbackPlan plan) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        Instant point = store.document(CutoverStore.ROLLBACK_POINT, RollbackPoint.class).map(RollbackPoint::at)
                .orElse(null);
        switch (plan.recovery()) {
            case NONE -> {
                result.put("recovery", "none");
                result.put("restoring", false);
                result.put("detail", "traffic is back on the source; the target cluster is left as it is");
            }
            case BACKTRACK -> {
                if (point == null) {
                    throw new RollbackPointMissingException(
                            "no rollback point recorded: cannot choose a Backtrack time");
                }
                BacktrackResult backtrack = ports.clusters().backtrack(config.target().clusterIdentifier(), point);
                result.put("recovery", "backtrack");
                result.put("restoring", false);
                result.put("detail", "Backtrack of " + config.target().clusterIdentifier() + " to " + point + ": "
                        + backtrack);
            }
            case POINT_IN_TIME_RESTORE -> {
                // Only started here: the workflow waits for the cluster, then adds its writer (RestoreSteps).
                return restores.start(config, plan.restoredClusterIdentifier(), point);
            }
        }
        return result;
    }

    /** Records the end of a rollback. */
    public CutoverState finish(CutoverStore store, String reason) {
        Instant now = ports.clock().instant();
        CutoverState state = PhaseMachine.rollingBack(store.state(now), now, reason);
        if (state.phase() == Phase.ROLLING_BACK) {
            // The request first: from then on every reader sees ROLLED_BACK, whatever else is written.
            store.finishRollback(now);
            state = PhaseMachine.transition(state, Phase.ROLLED_BACK, 0, null, now, reason).orThrow();
            store.saveState(state);
        }
        return state;
    }

    /** The phase a rollback started from (the recovery depends on whether the writer had moved). */
    public static Phase phaseBeforeRollback(CutoverState state) {
        if (state.phase() != Phase.ROLLING_BACK && state.phase() != Phase.ROLLED_BACK) {
            return state.phase();
        }
        for (int i = state.history().size() - 1; i >= 0; i--) {
            PhaseChange change = state.history().get(i);
            if (change.to() == Phase.ROLLING_BACK) {
                return change.from();
            }
        }
        return state.phase();
    }

    /** The fence record and whether it has been undone. */
    public record FenceState(DatabaseSide.FenceRecord record, boolean restored) {
    }

    /** Where to go back to: the time (and source position) recorded before the first weight moved. */
    public record RollbackPoint(Instant at, String sourcePosition) {
    }
}
