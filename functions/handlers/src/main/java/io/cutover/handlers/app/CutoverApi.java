package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseMachine;
import io.cutover.core.policy.CutoverPolicy;
import io.cutover.core.policy.Decision;
import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.port.cloud.WorkflowStartResult;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.request.Action;
import io.cutover.core.request.CutoverRequest;
import io.cutover.core.weights.RecordAdoption;
import io.cutover.handlers.errors.DmsControlTablesMissingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The operator API: one validated request in, one JSON answer out. Facts are gathered first, the
 * core decides, and only a {@link Decision.Proceed} without {@code dry_run} changes anything.
 */
public final class CutoverApi {
    private final CloudPorts ports;
    private final ReadinessService readiness;
    private final RollbackService rollbacks;
    private final RecordGroups records;
    private final WorkflowAttempts attempts;
    private final RecoveryHandOvers handOvers;
    private final FallbackWindows windows;

    public CutoverApi(CloudPorts ports) {
        this.ports = ports;
        this.readiness = new ReadinessService(ports);
        this.rollbacks = new RollbackService(ports);
        this.records = new RecordGroups(ports.records());
        this.attempts = new WorkflowAttempts(ports.workflows());
        this.handOvers = new RecoveryHandOvers(ports, rollbacks, attempts);
        this.windows = new FallbackWindows(ports);
    }

    public ObjectNode handle(String migrationId, CutoverRequest request) {
        CutoverStore store = new CutoverStore(ports.store(), migrationId);
        CutoverConfig config = store.config();
        return switch (request) {
            case CutoverRequest.Status s -> status(store, config);
            case CutoverRequest.GradualCutover g -> gradual(store, config, g);
            case CutoverRequest.ManualCutover m -> manual(store, config, m);
            case CutoverRequest.Rollback r -> rollback(store, config, r);
            case CutoverRequest.Backtrack b -> backtrack(store, config, b);
            case CutoverRequest.AdoptRecords a -> adoptRecords(store, config, a);
            case CutoverRequest.Finalize f -> windows.finalize(store, config, f.dryRun(), "api");
        };
    }

    private ObjectNode status(CutoverStore store, CutoverConfig config) {
        Instant now = ports.clock().instant();
        CutoverState state = store.state(now);
        ObjectNode answer = answer("status", "ok", "phase " + state.phase(), false);
        answer.put("phase", state.phase().name());
        answer.put("readerPercent", state.readerPercent());
        answer.put("executionName", state.executionName());
        // Who asked for the rollback that stands, when and why (finishedAt null while it runs).
        answer.set("rollback", store.rollbackRequest().<JsonNode>map(Json.MAPPER::valueToTree)
                .orElse(NullNode.getInstance()));
        answer.set("weights", Plans.weights(records.current(config)));
        ReadinessRecord latest = store.document(CutoverStore.READINESS, ReadinessRecord.class)
                .orElse(ReadinessRecord.empty());
        answer.set("readiness", Json.MAPPER.valueToTree(latest));
        ReadinessVerdict verdict = readiness.check(store, config, Gate.READER, false, false);
        answer.set("verdict", Plans.verdict(verdict));
        ObjectNode tasks = answer.putObject("tasks");
        latest.taskStates().forEach(tasks::put);
        answer.set("history", Json.MAPPER.valueToTree(state.history()));
        answer.set("fallbackWindow", FallbackWindows.describe(store, config, state));
        return answer;
    }

    private ObjectNode gradual(CutoverStore store, CutoverConfig config, CutoverRequest.GradualCutover request) {
        if (request.dryRun()) {
            return decideAndShift(store, config, request);
        }
        // A unique owner per call: two API calls must exclude each other, not share the lock.
        String owner = "api-" + UUID.randomUUID();
        LockAcquisition lock = ports.lock().acquire(config.migrationId(), owner);
        if (lock instanceof LockAcquisition.Refused refused) {
            return answer("gradual_cutover", "refused", refused.reason(), false);
        }
        try {
            // Facts are read under the lock, so the decision cannot be overtaken by another caller.
            return decideAndShift(store, config, request);
        } finally {
            ports.lock().release(config.migrationId(), owner);
        }
    }

    private ObjectNode decideAndShift(CutoverStore store, CutoverConfig config,
                                      CutoverRequest.GradualCutover request) {
        Instant now = ports.clock().instant();
        CutoverState state = store.state(now);
        Map<String, Weights> current = records.current(config);
        ReadinessVerdict verdict = readiness.check(store, config, Gate.READER, false, !request.dryRun());
        Decision decision = new CutoverPolicy(config).gradualCutover(request.auroraWeight(), state, verdict, current);
        ObjectNode answer = decided("gradual_cutover", decision, request.dryRun());
        answer.set("verdict", Plans.verdict(verdict));
        if (!(decision instanceof Decision.Proceed proceed)) {
            return answer;
        }
        answer.set("plan", Plans.plan(proceed.plan()));
        if (request.dryRun()) {
            return answer;
        }
        records.apply(proceed.plan(), store);
        CutoverState next = PhaseMachine.transition(PhaseMachine.armed(state, null, now, verdict.summary()),
                proceed.nextPhase(), proceed.readerPercent(), null, now, proceed.reason()).orThrow();
        store.saveState(next);
        answer.put("phase", next.phase().name());
        return answer;
    }

    private ObjectNode manual(CutoverStore store, CutoverConfig config, CutoverRequest.ManualCutover request) {
        Instant now = ports.clock().instant();
        CutoverState state = store.state(now);
        Map<String, Weights> current = records.current(config);
        ReadinessVerdict verdict;
        try {
            verdict = readiness.check(store, config, Gate.WRITER, true, !request.dryRun());
        } catch (DmsControlTablesMissingException e) {
            // The writer gate cannot pass on this task's settings: refuse before any workflow starts.
            return answer("manual_cutover", "refused", e.getMessage(), request.dryRun());
        }
        Decision decision = new CutoverPolicy(config).manualCutover(state, verdict, current);
        ObjectNode answer = decided("manual_cutover", decision, request.dryRun());
        answer.set("verdict", Plans.verdict(verdict));
        if (decision instanceof Decision.Proceed proceed) {
            answer.set("plan", Plans.plan(proceed.plan()));
            ObjectNode fence = answer.putObject("fence");
            ArrayNode roles = fence.putArray("roles");
            config.fence().roles().forEach(roles::add);
            fence.put("mode", config.fence().mode().wireName());
            if (!request.dryRun()) {
                WorkflowStartResult started = attempts.start(store, config);
                answer.put("executionName", started.executionName());
                answer.put("executionArn", started.executionArn());
                if (started instanceof WorkflowStartResult.AlreadyStarted already) {
                    answer.put("outcome", "no_op");
                    answer.put("message", "execution " + already.executionName() + " already exists (status "
                            + already.status() + ")");
                }
            }
        }
        return answer;
    }

    private ObjectNode rollback(CutoverStore store, CutoverConfig config, CutoverRequest.Rollback request) {
        Instant now = ports.clock().instant();
        CutoverState state = store.state(now);
        Map<String, Weights> current = records.current(config);
        Decision decision = new CutoverPolicy(config).rollback(request, state, current);
        ObjectNode answer = decided("rollback", decision, request.dryRun());
        if (!(decision instanceof Decision.Proceed proceed)) {
            return answer;
        }
        answer.set("plan", Plans.plan(proceed.plan()));
        answer.set("rollback", Json.MAPPER.valueToTree(proceed.rollback()));
        if (request.dryRun()) {
            return answer;
        }
        answer.set("reverted", rollbacks.revertTraffic(store, config, "api", "rollback requested", current));
        // Recovery waits for RDS far beyond one invocation: handed to the workflow (RecoveryHandOvers).
        handOvers.finishOrHandOver(store, config, proceed.rollback(), "api", "rollback requested", answer);
        return answer;
    }

    private ObjectNode backtrack(CutoverStore store, CutoverConfig config, CutoverRequest.Backtrack request) {
        Instant now = ports.clock().instant();
        Decision decision = new CutoverPolicy(config).backtrack(request, store.state(now), now);
        ObjectNode answer = decided("backtrack", decision, request.dryRun());
        if (decision instanceof Decision.Proceed && !request.dryRun()) {
            answer.put("result", String.valueOf(ports.clusters().backtrack(config.target().clusterIdentifier(),
                    request.to())));
        }
        return answer;
    }

    /**
     * Hands plain records to the cutover (deployments with {@code route53.createRecords: false}): every group is
     * planned first, and if any is refused nothing changes; each group then moves in its own atomic batch.
     */
    private ObjectNode adoptRecords(CutoverStore store, CutoverConfig config, CutoverRequest.AdoptRecords request) {
        String action = Action.ADOPT_RECORDS.wireName();
        Phase phase = store.state(ports.clock().instant()).phase();
        if (phase != Phase.IDLE) {
            return answer(action, "refused", "records are adopted before a cutover starts; the phase is " + phase,
                    request.dryRun());
        }
        List<RecordAdoption.Plan> plans = config.recordGroups().stream().map(RecordGroups::ref)
                .map(group -> RecordAdoption.plan(group, ports.records().recordsAt(group))).toList();
        List<RecordAdoption.Plan> refused = plans.stream().filter(p -> p instanceof RecordAdoption.Refused).toList();
        List<RecordAdoption.Replace> replace = plans.stream().filter(p -> p instanceof RecordAdoption.Replace)
                .map(RecordAdoption.Replace.class::cast).toList();
        String outcome = !refused.isEmpty() ? "refused" : replace.isEmpty() ? "no_op"
                : request.dryRun() ? "dry_run" : "applied";
        ObjectNode answer = answer(action, outcome, String.join("; ", (refused.isEmpty() ? plans : refused).stream()
                .map(RecordAdoption.Plan::reason).toList()), request.dryRun());
        ArrayNode groups = answer.putArray("groups");
        plans.forEach(p -> groups.addObject().put("group", p.group().groupName())
                .put("plan", p.getClass().getSimpleName()).put("reason", p.reason()));
        if (outcome.equals("applied")) {
            ArrayNode applied = answer.putArray("applied");
            for (RecordAdoption.Replace plan : replace) {
                AppliedWeights done = ports.records().adoptPlain(plan.group(), plan.plain(),
                        RecordGroups.IN_SYNC_TIMEOUT);
                applied.addObject().put("group", plan.group().groupName()).put("changeId", done.changeId());
            }
        }
        return answer;
    }

    private static ObjectNode decided(String action, Decision decision, boolean dryRun) {
        String outcome = switch (decision) {
            case Decision.Proceed p -> dryRun ? "dry_run" : "applied";
            case Decision.NoOp n -> "no_op";
            case Decision.Refused r -> "refused";
        };
        return answer(action, outcome, decision.reason(), dryRun);
    }

    static ObjectNode answer(String action, String outcome, String message, boolean dryRun) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("action", action);
        node.put("outcome", outcome);
        node.put("message", message);
        if (dryRun) {
            node.put("dryRun", true);
        }
        return node;
    }
}
