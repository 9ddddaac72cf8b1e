package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.rollback.RollbackPlanner;
import io.cutover.handlers.app.RollbackService;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;
import java.util.Set;

/** After the rollback moved traffic back: the recovery the config's strategy names (none, Backtrack, PITR). */
public final class Recover extends BaseTask<NoInput, ObjectNode> {
    /** Where the rollback left the migration: rolling back, rolled back (an alarm finished first), or never active. */
    static final Set<Phase> AFTER_ROLLBACK = EnumSet.of(Phase.IDLE, Phase.ROLLING_BACK, Phase.ROLLED_BACK);

    public Recover() {
        super("recover", NoInput::of, AFTER_ROLLBACK, Lock.NOT_NEEDED);
    }

    @Override
    public ObjectNode effect(TaskContext context, NoInput input) {
        RollbackPlan plan = new RollbackPlanner(context.config()).plan(null,
                RollbackService.phaseBeforeRollback(context.state()));
        return context.rollbacks().recover(context.store(), context.config(), plan);
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, ObjectNode result) {
        return result;
    }
}
