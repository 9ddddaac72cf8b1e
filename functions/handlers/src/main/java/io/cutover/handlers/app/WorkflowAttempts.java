package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.core.port.cloud.WorkflowStartResult;
import io.cutover.core.port.cloud.WorkflowStarter;
import io.cutover.core.rollback.RecoveryHandOver;

/**
 * Starts attempt N of a migration's workflow under the name {@code {migrationId}-{N}}. A repeated start while that
 * execution runs is the same start (Step Functions answers it as such); once it has ended, the next attempt gets the
 * next number, so a failed attempt never blocks the one after it. Shared by the API's manual cutover and the
 * readiness poll's automatic one.
 */
final class WorkflowAttempts {
    /** How many ended executions a start skips over before it reports the last one instead. */
    static final int MAX_ATTEMPT_SKIPS = 20;

    private final WorkflowStarter workflows;

    WorkflowAttempts(WorkflowStarter workflows) {
        this.workflows = workflows;
    }

    WorkflowStartResult start(CutoverStore store, CutoverConfig config) {
        return start(store, config, null);
    }

    /**
     * As {@link #start(CutoverStore, CutoverConfig)}, with {@code handOver} in the input when not null: an execution
     * that goes straight to the recovery. While attempt N runs, Step Functions refuses its name with other input and
     * the running execution is answered ({@code AlreadyStarted}, RUNNING): its own rollback path does the recovery.
     */
    WorkflowStartResult start(CutoverStore store, CutoverConfig config, RecoveryHandOver handOver) {
        int attempt = Math.max(1, store.document(CutoverStore.ATTEMPT, Attempt.class).map(Attempt::attempt).orElse(1));
        for (int tries = 0; ; tries++) {
            ObjectNode input = Json.MAPPER.createObjectNode();
            input.put("migrationId", config.migrationId());
            input.put("attempt", attempt);
            input.put("dryRun", false);
            if (handOver != null) {
                ObjectNode recovery = input.putObject(RecoveryHandOver.FIELD);
                recovery.put("requestedBy", handOver.requestedBy());
                recovery.put("reason", handOver.reason());
                recovery.put("strategy", handOver.strategy().wireName());
            }
            WorkflowStartResult result = workflows.start(new WorkflowStart(config.migrationId(), attempt,
                    Json.write(input)));
            boolean ended = result instanceof WorkflowStartResult.AlreadyStarted already
                    && !"RUNNING".equals(already.status());
            if (!ended || tries >= MAX_ATTEMPT_SKIPS) {
                store.saveDocument(CutoverStore.ATTEMPT, new Attempt(attempt));
                return result;
            }
            attempt++;
        }
    }

    record Attempt(int attempt) {
    }
}
