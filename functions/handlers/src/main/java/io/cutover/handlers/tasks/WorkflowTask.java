package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.errors.ConfigUnavailableException;
import io.cutover.handlers.errors.CutoverAbortedException;
import io.cutover.handlers.errors.TaskOutOfOrderException;
import java.util.Optional;
import java.util.Set;

/**
 * One task of the state machine, in parts that {@link WorkflowTasks} calls in this order: {@link #input} (every
 * field read and validated, nothing done yet), the deployed config, the precondition ({@link #runsFrom}, and the
 * lock where {@link #needsLock}), {@link #effect}, {@link #verdict} (a typed error when the effect's outcome must
 * stop the workflow), {@link #phaseAfter} (recorded only once the verdict passed) and {@link #output}. A check that
 * belongs after every effect goes in the runner, once.
 *
 * @param <I> the task's input fields
 * @param <R> what its effect found or did
 */
public interface WorkflowTask<I, R> {

    /** The {@code task} value in the state machine's Parameters. */
    String name();

    /** The task's own input fields; throws {@link io.cutover.handlers.errors.InvalidTaskInputException}. */
    I input(TaskInput call);

    /**
     * The phases the task may run from, its own result phase included: Lambda and the state machine may run a task
     * twice, and the second run must be a no-op, not a refusal.
     */
    Set<Phase> runsFrom(I input);

    /** Forward tasks that change something run only while their execution holds the migration lock. */
    default boolean needsLock() {
        return true;
    }

    /** The error when the deployed config cannot be read: a deployment error, as it is, unless the task says else. */
    default RuntimeException configUnavailable(ConfigUnavailableException e) {
        return e;
    }

    /** The refusal for a phase outside {@link #runsFrom}: a rollback under way aborts; else it is out of order. */
    default RuntimeException outOfOrder(String migrationId, CutoverState state, Set<Phase> accepted) {
        if (state.phase() == Phase.ROLLING_BACK || state.phase() == Phase.ROLLED_BACK) {
            return new CutoverAbortedException("migration " + migrationId + " is " + state.phase() + ": " + name()
                    + " will not run");
        }
        return new TaskOutOfOrderException(name() + " runs from " + accepted + "; migration " + migrationId + " is "
                + state.phase() + (state.phase() == Phase.SHIFTING ? " at " + state.readerPercent() + "%" : ""));
    }

    R effect(TaskContext context, I input);

    /** Throws the typed error the workflow routes when the effect's outcome must stop it. */
    default void verdict(I input, R result) {
    }

    /** The phase to record after a passing verdict; empty leaves the phase as it is. */
    default Optional<PhaseStep> phaseAfter(I input, R result) {
        return Optional.empty();
    }

    /** The result the state machine reads ({@code ResultPath}); the context's state is the one just recorded. */
    ObjectNode output(TaskContext context, I input, R result);

    /** For tasks without input fields of their own. */
    enum NoInput {
        NONE;

        public static NoInput of(TaskInput ignored) {
            return NONE;
        }
    }
}
