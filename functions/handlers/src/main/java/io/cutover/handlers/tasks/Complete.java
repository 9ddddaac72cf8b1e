package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.ReverseSwitch;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * The watch passed, and the lock is released. With reverse replication running and a fall-back window configured
 * the cutover moves to FALLBACK_OPEN (issue 18): a rollback still carries the target's writes back until
 * {@code finalize} or the window's timeout moves it to COMPLETED. Otherwise COMPLETED at once.
 */
public final class Complete extends BaseTask<NoInput, Phase> {
    public Complete() {
        super("complete", NoInput::of, EnumSet.of(Phase.SWITCHED, Phase.FALLBACK_OPEN, Phase.COMPLETED), Lock.HELD);
    }

    @Override
    public Phase effect(TaskContext context, NoInput input) {
        boolean window = context.config().fallbackWindowSeconds() > 0 && ReverseSwitch.running(context.store());
        Phase next = window ? Phase.FALLBACK_OPEN : Phase.COMPLETED;
        context.record(PhaseStep.from(Phase.SWITCHED, next, 100, window ? "watch passed; fall-back window open for "
                + context.config().fallbackWindowSeconds() + " s" : "watch passed"));
        Locks.release(context);
        return context.state().phase();
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, Phase phase) {
        return outcome(phase == Phase.FALLBACK_OPEN ? "fallback_open" : "completed");
    }
}
