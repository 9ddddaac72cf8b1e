package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.weights.WeightPlan;
import io.cutover.core.weights.WeightPlanner;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.Plans;
import io.cutover.handlers.app.RecordGroups;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The writes move, once: every record to the target, after INSYNC. Only from DRAINED (fenced, drained, sequences
 * synced, counts checked) or SWITCHED (a repeated call), and only to a target that accepts a write right now.
 */
public final class SwitchWriter extends BaseTask<NoInput, WeightPlan> {
    public SwitchWriter() {
        super("switchWriter", NoInput::of, EnumSet.of(Phase.DRAINED, Phase.SWITCHED), Lock.HELD);
    }

    @Override
    public WeightPlan effect(TaskContext context, NoInput input) {
        try (DatabaseSide db = context.databases()) {
            db.requireTargetWritable();
        }
        WeightPlan plan = new WeightPlanner(context.config()).writerSwitch(context.records().current(context.config()));
        context.records().apply(plan, context.store());
        return plan;
    }

    @Override
    public Optional<PhaseStep> phaseAfter(NoInput input, WeightPlan plan) {
        return Optional.of(PhaseStep.from(Phase.DRAINED, Phase.SWITCHED, 100, "writer on target"));
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, WeightPlan plan) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.set("weights", Plans.weights(RecordGroups.after(plan)));
        CutoverState state = context.state();
        Instant switchedAt = state.history().isEmpty() ? context.now()
                : state.history().get(state.history().size() - 1).at();
        result.put("switchedAt", switchedAt.toString());
        return result;
    }
}
