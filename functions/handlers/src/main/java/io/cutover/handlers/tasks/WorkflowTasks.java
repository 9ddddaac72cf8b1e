package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.errors.ConfigUnavailableException;
import io.cutover.handlers.errors.CutoverAbortedException;
import io.cutover.handlers.errors.InvalidTaskInputException;
import io.cutover.handlers.errors.RollbackRequestedException;
import io.cutover.handlers.errors.TaskOutputTooLargeException;
import io.cutover.handlers.workflow.CutoverWorkflow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the state machine's tasks: each is a {@link WorkflowTask}, and every one goes through the same steps here
 * (input, the deployed config, precondition, effect, verdict, phase, output), so a rule for all tasks is written
 * once.
 */
public final class WorkflowTasks {
    private static final Map<String, WorkflowTask<?, ?>> BY_NAME = CutoverWorkflow.tasks().stream()
            .collect(Collectors.toUnmodifiableMap(WorkflowTask::name, Function.identity()));

    /** Every task name the handler accepts: the tasks the workflow source invokes, in its order. */
    public static final List<String> NAMES = CutoverWorkflow.tasks().stream().map(WorkflowTask::name).toList();

    private final TaskServices services;

    public WorkflowTasks(CloudPorts ports) {
        this.services = TaskServices.of(ports);
    }

    public ObjectNode run(TaskInput call) {
        WorkflowTask<?, ?> task = BY_NAME.get(call.task());
        if (task == null) {
            throw new InvalidTaskInputException("task: unknown task '" + call.task() + "'; expected one of " + NAMES);
        }
        return run(task, call);
    }

    private <I, R> ObjectNode run(WorkflowTask<I, R> task, TaskInput call) {
        I input = task.input(call);
        TaskContext context = new TaskContext(services, call);
        try {
            context.config();
        } catch (ConfigUnavailableException e) {
            throw task.configUnavailable(e);
        }
        requirePrecondition(task, input, context);
        R result;
        try {
            result = task.effect(context, input);
            handOverIfRollbackRequested(task, context);
            task.verdict(input, result);
            Optional<PhaseStep> step = task.phaseAfter(input, result);
            if (step.isPresent()) {
                context.record(step.get());
                // A request created between the store's check and its write: the write landed (readers overlay the
                // request), and the workflow must still not go on.
                handOverIfRollbackRequested(task, context);
            }
        } catch (RollbackRequestedException e) {
            context.rollbacks().handOver(context.store(), context.config());
            throw e;
        }
        return withinPayloadLimit(task, task.output(context, input, result));
    }

    /**
     * Step Functions service quotas: "Maximum input or output size for a task, state, or execution: 256 KiB of data as
     * a UTF-8 encoded string"; a larger task result fails the execution with States.DataLimitExceeded, a terminal
     * error States.ALL does not match ("Error handling in Step Functions").
     */
    static final int TASK_OUTPUT_MAX_BYTES = 262_144;

    private static ObjectNode withinPayloadLimit(WorkflowTask<?, ?> task, ObjectNode output) {
        int bytes = Json.write(output).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TASK_OUTPUT_MAX_BYTES) {
            throw new TaskOutputTooLargeException("task " + task.name() + " produced " + bytes + " bytes of output,"
                    + " more than the " + TASK_OUTPUT_MAX_BYTES + " Step Functions takes from a task: returned, it"
                    + " would end the execution (States.DataLimitExceeded, which no Catch matches) without a rollback;"
                    + " its effect stands");
        }
        return output;
    }

    /**
     * After a forward task's effect: a rollback requested meanwhile wins. The task hands its effect over (the
     * caller re-applies the rollback's weights and unfences) and stops with the request named, its phase unrecorded.
     */
    private static void handOverIfRollbackRequested(WorkflowTask<?, ?> task, TaskContext context) {
        if (task.needsLock()) {
            context.store().rollbackRequest().ifPresent(request -> {
                throw new RollbackRequestedException(CutoverStore.describe(request) + " while " + task.name()
                        + " ran: its effect is handed over to the rollback");
            });
        }
    }

    /** Before any effect: the phase is one the task runs from, and a forward task's execution holds the lock. */
    private static <I> void requirePrecondition(WorkflowTask<I, ?> task, I input, TaskContext context) {
        Set<Phase> accepted = task.runsFrom(input);
        CutoverState state = context.state();
        if (!accepted.contains(state.phase())) {
            throw task.outOfOrder(context.migrationId(), state, accepted);
        }
        if (task.needsLock()) {
            LockAcquisition lock = context.ports().lock().acquire(context.migrationId(), context.executionName());
            if (lock instanceof LockAcquisition.Refused refused) {
                throw new CutoverAbortedException(refused.reason());
            }
        }
    }
}
