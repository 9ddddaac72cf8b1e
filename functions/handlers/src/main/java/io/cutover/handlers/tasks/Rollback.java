package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.tasks.TaskInput.CaughtError;
import java.util.EnumSet;

/**
 * The workflow's rollback: every record to the source, the source unfenced. Never waits for the lock (an alarm or
 * operator rollback may hold the migration), and runs from any phase a cutover can be in when it fails.
 */
public final class Rollback extends BaseTask<Rollback.Input, ObjectNode> {
    private static final int MAX_REASON = 500;

    public record Input(String reason) {
    }

    public Rollback() {
        super("rollback", Rollback::parse, EnumSet.complementOf(EnumSet.of(Phase.COMPLETED)), Lock.NOT_NEEDED);
    }

    private static Input parse(TaskInput call) {
        CaughtError cause = call.optionalCause("cause");
        String reason = cause == null ? "workflow rollback" : cause.error() + ": " + cause.cause();
        return new Input(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
    }

    @Override
    public ObjectNode effect(TaskContext context, Input input) {
        return context.rollbacks().revertTraffic(context.store(), context.config(),
                "workflow " + context.executionName(), input.reason());
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, ObjectNode result) {
        return result;
    }
}
