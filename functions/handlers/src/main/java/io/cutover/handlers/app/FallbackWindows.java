package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.FallbackWindow;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseMachine;
import io.cutover.core.policy.CutoverPolicy;
import io.cutover.core.policy.Decision;
import io.cutover.handlers.app.ReverseSwitch.ReverseReplicationState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Closing the fall-back window (issue 18), by {@code finalize} or when {@code fallbackWindowSeconds} passed: the
 * cutover moves to COMPLETED first (from then on no rollback starts: the target's writes would be lost), then the
 * reverse replication is stopped and the replication objects of both directions are removed. A cleanup that stopped
 * half-way is finished by the next finalize, which finds COMPLETED with reverse replication not yet recorded stopped.
 */
public final class FallbackWindows {
    private final CloudPorts ports;

    public FallbackWindows(CloudPorts ports) {
        this.ports = ports;
    }

    /** @param by who closes it ({@code api}, {@code the fall-back window timeout}), kept in the state history */
    public ObjectNode finalize(CutoverStore store, CutoverConfig config, boolean dryRun, String by) {
        Instant now = ports.clock().instant();
        CutoverState state = store.state(now);
        Decision decision = CutoverPolicy.finalizeWindow(state);
        boolean cleanupLeft = state.phase() == Phase.COMPLETED && ReverseSwitch.running(store);
        if (decision instanceof Decision.Refused || (decision instanceof Decision.NoOp && !cleanupLeft)) {
            return CutoverApi.answer("finalize", decision instanceof Decision.Refused ? "refused" : "no_op",
                    decision.reason(), dryRun);
        }
        String plan = cleanupLeft ? "finish the cleanup an earlier finalize left" : decision.reason();
        if (dryRun) {
            return CutoverApi.answer("finalize", "dry_run", plan, true);
        }
        if (state.phase() == Phase.FALLBACK_OPEN) {
            if (store.rollbackRequest().isPresent()) {
                return CutoverApi.answer("finalize", "refused", CutoverStore.describe(store.rollbackRequest().get())
                        + ": the rollback wins, reverse replication keeps running", false);
            }
            store.saveState(PhaseMachine.transition(state, Phase.COMPLETED, 100, null, now,
                    "fall-back window closed by " + by).orThrow());
        }
        // Over DMS the reverse task is stopped first (its slot can go only then); the forward tasks, stopped at the
        // switch, are asked again, so a task someone restarted since is stopped too. Both are in the report.
        Map<String, String> reverseTask = null;
        Map<String, String> forwardTasks = null;
        if (config.replication().hasDmsReverseTask()) {
            DmsReverseReplication dms = new DmsReverseReplication(ports.dmsTasks());
            reverseTask = dms.stopReverse(config);
            forwardTasks = dms.stopForward(config);
        }
        ObjectNode report;
        try (DatabaseSide db = ports.databases().open(config)) {
            report = (ObjectNode) db.closeFallbackWindow();
        }
        if (reverseTask != null) {
            report.set("reverseTask", DmsReverseReplication.describe(reverseTask));
            report.set("forwardTasks", DmsReverseReplication.describe(forwardTasks));
        }
        boolean closed = report.path("closed").asBoolean();
        if (closed) {
            JsonNode started = store.document(ReverseSwitch.REVERSE_REPLICATION, ReverseReplicationState.class)
                    .map(ReverseReplicationState::report).orElse(Json.MAPPER.nullNode());
            store.saveDocument(ReverseSwitch.REVERSE_REPLICATION, new ReverseReplicationState(started, true));
        }
        ObjectNode answer = CutoverApi.answer("finalize", closed ? "applied" : "incomplete", closed
                ? "fall-back window closed: reverse replication stopped, replication objects removed; COMPLETED"
                : "COMPLETED, but the cleanup left objects behind (see cleanup): finalize again to finish it", false);
        answer.put("phase", Phase.COMPLETED.name());
        answer.set("cleanup", report);
        return answer;
    }

    /** The scheduled poll's part: finalizes an open window whose time is up. */
    public Optional<ObjectNode> finalizeIfExpired(CutoverStore store, CutoverConfig config) {
        CutoverState state = store.state(ports.clock().instant());
        if (!FallbackWindow.expired(state, config.fallbackWindowSeconds(), ports.clock().instant())) {
            return Optional.empty();
        }
        return Optional.of(finalize(store, config, false, "the fall-back window timeout ("
                + config.fallbackWindowSeconds() + " s)"));
    }

    /** What {@code status} shows of the window. */
    public static ObjectNode describe(CutoverStore store, CutoverConfig config, CutoverState state) {
        ObjectNode window = Json.MAPPER.createObjectNode();
        window.put("open", state.phase() == Phase.FALLBACK_OPEN);
        window.put("closesAt", FallbackWindow.closesAt(state, config.fallbackWindowSeconds()).map(Instant::toString)
                .orElse(null));
        window.put("windowSeconds", config.fallbackWindowSeconds());
        window.put("reverseReplicationRunning", ReverseSwitch.running(store));
        return window;
    }
}
