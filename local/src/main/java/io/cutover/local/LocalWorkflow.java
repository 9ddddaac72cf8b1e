package io.cutover.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.handlers.WorkflowTaskHandler;
import io.cutover.statemachine.ExecutionResult;
import io.cutover.statemachine.LocalResources;
import io.cutover.statemachine.LocalStateMachineRunner;
import io.cutover.statemachine.RunOptions;
import io.cutover.statemachine.WaitPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes the production state machine ({@code statemachine/cutover.asl.json}) with the independent
 * ASL interpreter, every Task answered by the real {@link WorkflowTaskHandler} on the given environment.
 */
public final class LocalWorkflow {
    /** Called around every task, e.g. to inject a fault at a given step. */
    public interface TaskListener {
        default void before(String task, JsonNode input) {
        }

        default void after(String task, JsonNode input, JsonNode output) {
        }

        /** The task threw (the workflow's Retry or Catch decides what follows). */
        default void failed(String task, JsonNode input, RuntimeException error) {
        }

        TaskListener NONE = new TaskListener() {
        };
    }

    private final LocalEnvironment env;
    private final String migrationId;
    private final LocalStateMachineRunner runner;
    private final AtomicInteger notifications = new AtomicInteger();

    public LocalWorkflow(LocalEnvironment env, String migrationId) {
        this(env, migrationId, LocalStateMachineRunner.locate());
    }

    /** @param runner one the caller already located, so node is not looked for again */
    public LocalWorkflow(LocalEnvironment env, String migrationId, LocalStateMachineRunner runner) {
        this.env = env;
        this.migrationId = migrationId;
        this.runner = runner;
    }

    /** Runs attempt N with the input CutoverApi would start it with. */
    public ExecutionResult run(int attempt, WaitPolicy waits, Duration deadline, TaskListener listener) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.put("migrationId", migrationId);
        input.put("attempt", attempt);
        input.put("dryRun", false);
        return run(migrationId + "-" + attempt, input, waits, deadline, listener);
    }

    /** Runs what a workflow starter was asked to start, under its name and with its input. */
    public ExecutionResult run(WorkflowStart start, WaitPolicy waits, Duration deadline, TaskListener listener) {
        return run(start.executionName(), Json.parseTree(start.inputJson(), "workflow input"), waits, deadline,
                listener);
    }

    private ExecutionResult run(String executionName, JsonNode input, WaitPolicy waits, Duration deadline,
                                TaskListener listener) {
        WorkflowTaskHandler handler = new WorkflowTaskHandler(env.ports, migrationId);
        RunOptions options = RunOptions.immediate(executionName).withWaits(waits).withDeadline(deadline);
        return runner.run(runner.home().definition(), input, (stateName, resource, taskInput) -> {
            if (LocalResources.SNS_PUBLISH.equals(resource)) {
                env.effects.record("sns:Publish", LocalResources.NOTIFICATION_TOPIC_ARN, taskInput);
                return Json.MAPPER.valueToTree(Map.of("MessageId", "local-" + notifications.incrementAndGet()));
            }
            String task = taskInput.path("task").asText();
            listener.before(task, taskInput);
            JsonNode output;
            try {
                output = handler.handle(Json.write(taskInput));
            } catch (RuntimeException e) {
                listener.failed(task, taskInput, e);
                throw e;
            }
            listener.after(task, taskInput, output);
            return output;
        }, options);
    }
}
