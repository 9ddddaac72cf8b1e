package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.handlers.AlarmRollbackHandler;
import io.cutover.handlers.CutoverApiHandler;
import io.cutover.handlers.ReadinessPollHandler;
import io.cutover.local.LocalEnvironment;
import io.cutover.local.LocalWorkflow;
import io.cutover.statemachine.ExecutionResult;
import io.cutover.statemachine.ExecutionStatus;
import io.cutover.statemachine.LocalStateMachineRunner;
import io.cutover.statemachine.WaitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Our cutover, started the way an operator starts it in production: the scheduled ReadinessPoll function runs
 * (throughout, as its EventBridge schedule would) until the migration is ready, then the CutoverApi function gets {@code manual_cutover}, whose workflow starter
 * (here the local one) runs the production state machine with the real task handler. Faults are injected from
 * the workflow's task listener; a watched alarm goes to the real AlarmRollback function.
 */
final class FencedSwitchCutover {
    private static final Duration WORKFLOW_DEADLINE = Duration.ofMinutes(15);

    private final LocalEnvironment env;
    private final RehearsalServers servers;
    private final CutoverConfig config;
    private final RehearsalOptions options;
    private final PhaseTracker phases;
    private final HandlerLog log;
    private final LocalStateMachineRunner runner;
    private final CompletableFuture<ExecutionResult> execution = new CompletableFuture<>();
    private volatile LocalWorkflow.TaskListener listener = LocalWorkflow.TaskListener.NONE;
    private volatile String executionName;
    private volatile JsonNode rowCountsAtSwitch;
    private final java.util.function.LongSupplier targetAcknowledged;
    /** The DMS stand-in, null for native replication. */
    private final RehearsalDms dms;

    FencedSwitchCutover(LocalEnvironment env, RehearsalServers servers, CutoverConfig config, RehearsalOptions options,
                        PhaseTracker phases, HandlerLog log, LocalStateMachineRunner runner,
                        java.util.function.LongSupplier targetAcknowledged, RehearsalDms dms) {
        this.targetAcknowledged = targetAcknowledged;
        this.dms = dms;
        this.env = env;
        this.servers = servers;
        this.config = config;
        this.options = options;
        this.phases = phases;
        this.log = log;
        this.runner = runner;
    }

    /** What the local workflow starter does with a start: run the execution on its own thread, as Step Functions would. */
    static Consumer<WorkflowStart> starter(FencedSwitchCutover[] holder) {
        return start -> holder[0].startExecution(start);
    }

    private void startExecution(WorkflowStart start) {
        executionName = start.executionName();
        LocalWorkflow workflow = new LocalWorkflow(env, RehearsalConfig.MIGRATION_ID, runner);
        WaitPolicy waits = WaitPolicy.speedUp(options.speed());
        Thread.ofPlatform().daemon().name("workflow-" + start.executionName()).start(() -> {
            try {
                execution.complete(workflow.run(start, waits, WORKFLOW_DEADLINE, listener));
            } catch (RuntimeException e) {
                execution.completeExceptionally(e);
            }
        });
    }

    CutoverOutcome run() {
        String id = RehearsalConfig.MIGRATION_ID;
        FaultInjector faults = new FaultInjector(options.faults(), servers, servers.schema(), env.alarms,
                new AlarmRollbackHandler(env.ports, id), RehearsalConfig.ALARM, targetAcknowledged,
                dms == null ? null : dms.task(), dms == null ? null : dms.reverseTask());
        LocalWorkflow.TaskListener rowCounts = new LocalWorkflow.TaskListener() {
            @Override
            public void after(String task, JsonNode input, JsonNode output) {
                if (task.equals("verifyRowCounts")) {
                    rowCountsAtSwitch = output;
                }
            }
        };
        listener = new TaskListeners(phases, rowCounts, faults);
        ArrayNode operator = Json.MAPPER.createArrayNode();
        ReadinessSchedule schedule = new ReadinessSchedule(new ReadinessPollHandler(env.ports, id),
                Math.max(50, Math.round(RehearsalConfig.POLL_SECONDS * 1000 / options.speed())), operator);
        CutoverApiHandler api = new CutoverApiHandler(env.ports, id);
        phases.enter("operator: readiness", System.currentTimeMillis());
        long deadline = System.currentTimeMillis() + config.readiness().deadlineSeconds() * 1000L;
        try {
            long seenPolls = 0;
            while (executionName == null) {
                ObjectNode poll = schedule.awaitPollAfter(seenPolls, deadline);
                if (poll == null) {
                    return notStarted(operator, faults);
                }
                seenPolls = schedule.polls();
                if ("ready".equals(poll.path("outcome").asText())) {
                    ObjectNode answer = api.handle("{\"action\": \"manual_cutover\"}");
                    note(operator, "CutoverApi manual_cutover", answer);
                }
            }
            ExecutionResult result = execution.get(WORKFLOW_DEADLINE.toMillis() + 60_000, TimeUnit.MILLISECONDS);
            return finished(result, operator, faults);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the cutover ran", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            ObjectNode failed = executionNode("FAILED", "LocalRunFailed", String.valueOf(cause.getMessage()), 0);
            return outcome("failed", failed, operator, faults);
        } finally {
            schedule.close();
            faults.restore();
        }
    }

    private CutoverOutcome finished(ExecutionResult result, ArrayNode operator, FaultInjector faults) {
        String outcome = result.status() == ExecutionStatus.SUCCEEDED ? CutoverOutcome.COMPLETED
                : "CutoverRolledBack".equals(result.error()) ? CutoverOutcome.ROLLED_BACK : "failed";
        ObjectNode node = executionNode(result.status().name(), result.error(), result.cause(), result.states().size());
        return outcome(outcome, node, operator, faults);
    }

    private CutoverOutcome notStarted(ArrayNode operator, FaultInjector faults) {
        ObjectNode node = executionNode("NOT_STARTED", "ReadinessNotReached",
                "the migration never became ready for manual_cutover within the readiness deadline; see operator", 0);
        return outcome("not_started", node, operator, faults);
    }

    private CutoverOutcome outcome(String outcome, ObjectNode execution, ArrayNode operator, FaultInjector faults) {
        Long rollbackStarted = phases.started("rollback");
        Long detectedAt = null;
        String detectedBy = null;
        Long alarmSentAt = faults.alarmSentAt();
        if (alarmSentAt != null) {
            detectedAt = alarmSentAt;
            detectedBy = "alarm " + RehearsalConfig.ALARM + " state change delivered to the AlarmRollback function";
        } else if (rollbackStarted != null) {
            HandlerLog.TaskFailure failure = log.lastFailureAtOrBefore(rollbackStarted);
            detectedAt = failure == null ? rollbackStarted : failure.at();
            detectedBy = failure == null ? "the workflow entered RollBack" : "task failed: " + failure.description();
        }
        if (faults.alarmAnswer() != null) {
            execution.set("alarmFunctionAnswer", faults.alarmAnswer());
        }
        return new CutoverOutcome(outcome, phases.finished("fenceSource"), detectedAt, detectedBy, execution,
                rowCountsAtSwitch, stateHistory(), faults.injections(), operator);
    }

    private ObjectNode executionNode(String status, String error, String cause, int states) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("startedVia", "ReadinessPoll (scheduled event) until ready, then CutoverApi manual_cutover; its "
                + "WorkflowStarter (local) ran statemachine/cutover.asl.json in aws-local-stepfunctions, every Task "
                + "answered by WorkflowTaskHandler");
        node.put("name", executionName);
        node.put("status", status);
        node.put("error", error);
        node.put("cause", cause);
        causeMessage(cause).ifPresent(message -> node.put("causeMessage", message));
        node.put("statesEntered", states);
        return node;
    }

    /** A failed execution's cause is the Lambda error JSON: its type and message are what a reader needs. */
    static java.util.Optional<String> causeMessage(String cause) {
        if (cause == null || !cause.startsWith("{")) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode error = Json.parseTree(cause, "execution cause");
            return java.util.Optional.of(error.path("errorType").asText() + ": " + error.path("errorMessage").asText());
        } catch (RuntimeException notJson) {
            return java.util.Optional.empty();
        }
    }

    private JsonNode stateHistory() {
        return env.store.get(RehearsalConfig.MIGRATION_ID, "state")
                .map(json -> Json.parseTree(json, "state").path("history")).orElse(null);
    }

    /** Notes what an operator step answered; the schedule's thread and the operator's write here. */
    static void note(ArrayNode operator, String call, ObjectNode answer) {
        synchronized (operator) {
            ObjectNode entry = operator.addObject();
            entry.put("at", Instant.now().toString());
            entry.put("call", call);
            entry.put("outcome", answer.path("outcome").asText());
            entry.put("message", answer.path("message").asText());
            if (answer.path("verdict").path("checks").isArray()) {
                // The readiness lines the operator saw, with the figures (lag, latency) they were decided on.
                entry.set("checks", answer.path("verdict").path("checks"));
            }
        }
    }

}
