package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.port.cloud.WorkflowStartResult;
import io.cutover.core.rollback.Recovery;
import io.cutover.core.rollback.RecoveryHandOver;
import io.cutover.core.rollback.RollbackPlan;

/**
 * What the alarm handler and the API do after they reverted traffic: a rollback with nothing to recover is finished
 * at once; any recovery of the target (Backtrack, a point-in-time restore that RDS takes minutes to hours over) is
 * the workflow's, never this invocation's. The running execution's rollback path does it when one runs (it meets
 * the rollback request at its next task); otherwise an execution is started with {@code handOver} in its input,
 * which goes straight to the recovery states. Until the workflow finishes, the phase stays ROLLING_BACK.
 */
final class RecoveryHandOvers {
    private final CloudPorts ports;
    private final RollbackService rollbacks;
    private final WorkflowAttempts attempts;

    RecoveryHandOvers(CloudPorts ports, RollbackService rollbacks, WorkflowAttempts attempts) {
        this.ports = ports;
        this.rollbacks = rollbacks;
        this.attempts = attempts;
    }

    /** Finishes the rollback, or hands its recovery to the workflow; sets {@code recovery} and {@code phase}. */
    void finishOrHandOver(CutoverStore store, CutoverConfig config, RollbackPlan plan, String requestedBy,
                          String reason, ObjectNode answer) {
        ObjectNode recovery = Json.MAPPER.createObjectNode();
        if (plan.recovery() == Recovery.NONE) {
            recovery.put("recovery", "none");
            recovery.put("detail", "traffic is back on the source; the target cluster is left as it is");
            answer.set("recovery", recovery);
            answer.put("phase", rollbacks.finish(store, reason).phase().name());
            return;
        }
        WorkflowStartResult started = attempts.start(store, config,
                new RecoveryHandOver(requestedBy, reason, plan.strategy()));
        boolean running = started instanceof WorkflowStartResult.AlreadyStarted already
                && "RUNNING".equals(already.status());
        recovery.put("recovery", "handed_over");
        recovery.put("strategy", plan.strategy().wireName());
        recovery.put("executionName", started.executionName());
        recovery.put("detail", (plan.recovery() == Recovery.BACKTRACK ? "Backtrack" : "point-in-time restore into "
                + plan.restoredClusterIdentifier()) + (running
                ? ": left to the running execution " + started.executionName() + ", whose rollback path recovers"
                + " the target with the configured strategy and finishes the rollback"
                : ": started in execution " + started.executionName() + ", which recovers the target and finishes"
                + " the rollback"));
        answer.set("recovery", recovery);
        CutoverState state = store.state(ports.clock().instant());
        answer.put("phase", state.phase().name());
    }
}
