package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.Mode;
import io.cutover.core.event.CutoverEvent;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseMachine;
import io.cutover.core.port.cloud.WorkflowStartResult;
import io.cutover.core.readiness.CheckLine;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.rollback.AlarmGrounds;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.rollback.RollbackPlanner;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the event-driven functions do: keep readiness current, and roll back when a watched alarm fires. */
public final class EventReactions {
    private final CloudPorts ports;
    private final ReadinessService readiness;
    private final RollbackService rollbacks;
    private final WorkflowAttempts attempts;
    private final RecoveryHandOvers handOvers;
    private final FallbackWindows windows;

    public EventReactions(CloudPorts ports) {
        this.ports = ports;
        this.readiness = new ReadinessService(ports);
        this.rollbacks = new RollbackService(ports);
        this.attempts = new WorkflowAttempts(ports.workflows());
        this.handOvers = new RecoveryHandOvers(ports, rollbacks, attempts);
        this.windows = new FallbackWindows(ports);
    }

    /** Schedule tick or DMS state change: probe, store the verdict, and in auto mode start the workflow. */
    public ObjectNode readiness(String migrationId, CutoverEvent event) {
        CutoverStore store = new CutoverStore(ports.store(), migrationId);
        CutoverConfig config = store.config();
        Instant now = ports.clock().instant();
        if (event instanceof CutoverEvent.DmsTaskStateChange change) {
            if (!config.replication().dmsTaskArns().contains(change.taskArn())) {
                return outcome("ignored", "task " + change.taskArn() + " is not part of migration " + migrationId);
            }
            if (change.isFailure()) {
                return notReadyAtOnce(store, now, change);
            }
        }
        Optional<ObjectNode> finalized = windows.finalizeIfExpired(store, config);
        if (finalized.isPresent()) {
            return finalized.get();
        }
        ReadinessVerdict verdict = readiness.check(store, config, Gate.READER, false, true);
        CutoverState state = store.state(now);
        if (verdict.ready() && state.phase() == Phase.IDLE) {
            state = PhaseMachine.transition(state, Phase.READY, 0, null, now, verdict.summary()).orThrow();
            store.saveState(state);
        } else if (!verdict.ready() && state.phase() == Phase.READY && state.executionName() == null) {
            state = PhaseMachine.transition(state, Phase.IDLE, 0, null, now, verdict.summary()).orThrow();
            store.saveState(state);
        }
        ObjectNode result = outcome(verdict.ready() ? "ready" : "not_ready", verdict.summary());
        result.put("phase", state.phase().name());
        if (verdict.ready() && config.mode() == Mode.AUTO && state.phase() == Phase.READY
                && state.executionName() == null) {
            WorkflowStartResult started = attempts.start(store, config);
            result.put("executionName", started.executionName());
        }
        return result;
    }

    /** A failed or stopped task means not ready whatever the last samples said; the next poll confirms. */
    private ObjectNode notReadyAtOnce(CutoverStore store, Instant now, CutoverEvent.DmsTaskStateChange change) {
        CheckLine line = new CheckLine("task " + DmsTaskArn.resourceId(change.taskArn())
                + " event", change.eventType() + (change.detailMessage().isEmpty() ? "" : " (" + change.detailMessage()
                + ")"), "no failure event", false);
        ReadinessVerdict verdict = new ReadinessVerdict(ReadinessVerdict.Status.NOT_READY, Gate.READER, now,
                List.of(line), List.of());
        ReadinessRecord previous = store.document(CutoverStore.READINESS, ReadinessRecord.class)
                .orElse(ReadinessRecord.empty());
        Map<String, String> taskStates = new LinkedHashMap<>(previous.taskStates());
        taskStates.put(change.taskArn(), change.eventType());
        store.saveDocument(CutoverStore.READINESS, ReadinessRecord.of(previous.samples(), verdict, taskStates));
        CutoverState state = store.state(now);
        if (state.phase() == Phase.READY && state.executionName() == null) {
            state = PhaseMachine.transition(state, Phase.IDLE, 0, null, now, verdict.summary()).orThrow();
            store.saveState(state);
        }
        ObjectNode result = outcome("not_ready", verdict.summary());
        result.put("phase", state.phase().name());
        return result;
    }

    /**
     * A watched alarm went to ALARM while a cutover is active: traffic back and the source unfenced now, not at the
     * next poll; the target's recovery, if the plan has one, is handed to the workflow.
     */
    public ObjectNode alarm(String migrationId, CutoverEvent.AlarmStateChange change) {
        CutoverStore store = new CutoverStore(ports.store(), migrationId);
        CutoverConfig config = store.config();
        if (!config.alarms().contains(change.alarmName())) {
            return outcome("ignored", "alarm " + change.alarmName() + " is not watched by migration " + migrationId);
        }
        if (!change.isAlarm()) {
            return outcome("ignored", "alarm " + change.alarmName() + " went to " + change.state());
        }
        CutoverState state = store.state(ports.clock().instant());
        if (!state.phase().isActive()) {
            return outcome("no_op", "alarm " + change.alarmName() + " fired but no cutover is active (phase "
                    + state.phase() + ")");
        }
        if (!AlarmGrounds.isRollbackGround(config, change.alarmName(), state.phase())) {
            return outcome("ignored", AlarmGrounds.whyNot(change.alarmName(), state.phase()));
        }
        String reason = "alarm " + change.alarmName() + " in ALARM";
        RollbackPlan plan = new RollbackPlanner(config).plan(null, state.phase());
        ObjectNode result = outcome("rolled_back", reason);
        String requestedBy = "alarm " + change.alarmName();
        result.set("reverted", rollbacks.revertTraffic(store, config, requestedBy, reason));
        // The recovery waits for RDS for minutes to hours: the workflow's, not this invocation's.
        handOvers.finishOrHandOver(store, config, plan, requestedBy, reason, result);
        return result;
    }

    static ObjectNode outcome(String outcome, String message) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("outcome", outcome);
        node.put("message", message);
        return node;
    }
}
