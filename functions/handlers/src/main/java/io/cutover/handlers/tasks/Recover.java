package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.core.rollback.RecoveryHandOver;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.rollback.RollbackPlanner;
import io.cutover.handlers.app.RollbackService;
import java.util.EnumSet;
import java.util.Set;

/**
 * After the rollback moved traffic back: the recovery the strategy names (none, Backtrack, or the start of a
 * point-in-time restore, which the workflow then waits for: {@code "restoring": true}). The strategy is the
 * configured one, or the one a hand-over from the alarm handler or the API names ({@code handOver}).
 */
public final class Recover extends BaseTask<Recover.Input, ObjectNode> {
    /** Where the rollback left the migration: rolling back, rolled back (an alarm finished first), or never active. */
    static final Set<Phase> AFTER_ROLLBACK = EnumSet.of(Phase.IDLE, Phase.ROLLING_BACK, Phase.ROLLED_BACK);

    /** @param handOver null in the workflow's own rollback */
    public record Input(RecoveryHandOver handOver) {
    }

    public Recover() {
        super("recover", call -> new Input(call.optionalHandOver()), AFTER_ROLLBACK, Lock.NOT_NEEDED);
    }

    @Override
    public ObjectNode effect(TaskContext context, Input input) {
        RollbackPlan plan = new RollbackPlanner(context.config()).plan(
                input.handOver() == null ? null : input.handOver().strategy(),
                RollbackService.phaseBeforeRollback(context.state()));
        return context.rollbacks().recover(context.store(), context.config(), plan);
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, ObjectNode result) {
        return result;
    }
}
