package io.cutover.local.adapters;

import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.core.port.cloud.WorkflowStartResult;
import io.cutover.core.port.cloud.WorkflowStarter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts executions by name exactly once, like a Standard state machine: the same name with the same
 * input answers with the existing execution; with other input it is refused.
 */
public final class LocalWorkflowStarter implements WorkflowStarter {
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final EffectLog effects;
    private final Clock clock;
    private final Consumer<WorkflowStart> runner;

    /** @param runner what a start does locally (run the state machine, or nothing) */
    public LocalWorkflowStarter(EffectLog effects, Clock clock, Consumer<WorkflowStart> runner) {
        this.effects = effects;
        this.clock = clock;
        this.runner = runner;
    }

    @Override
    public synchronized WorkflowStartResult start(WorkflowStart start) {
        String arn = "arn:aws:states:local:000000000000:execution:cutover:" + start.executionName();
        String previous = inputs.get(start.executionName());
        if (previous != null) {
            return previous.equals(start.inputJson())
                    ? new WorkflowStartResult.Started(arn, start.executionName(), clock.instant())
                    : new WorkflowStartResult.AlreadyStarted(arn, start.executionName(), "RUNNING", false);
        }
        inputs.put(start.executionName(), start.inputJson());
        effects.record("states:StartExecution", start.executionName(), Map.of("input", start.inputJson()));
        runner.accept(start);
        return new WorkflowStartResult.Started(arn, start.executionName(), clock.instant());
    }
}
