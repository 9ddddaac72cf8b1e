package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.weights.WeightPlan;
import io.cutover.core.weights.WeightPlanner;
import io.cutover.handlers.app.Plans;
import io.cutover.handlers.app.RecordGroups;
import java.util.EnumSet;
import java.util.Optional;

/** One reader step: the reader groups to {@code percent} on the target (the writer record stays); after INSYNC. */
public final class ShiftReaders extends BaseTask<ShiftReaders.Input, WeightPlan> {
    public record Input(int percent) {
    }

    public ShiftReaders() {
        super("shiftReaders", ShiftReaders::parse, EnumSet.of(Phase.READY, Phase.SHIFTING), Lock.HELD);
    }

    private static Input parse(TaskInput call) {
        return new Input(call.integer("percent", 1, 100));
    }

    @Override
    public WeightPlan effect(TaskContext context, Input input) {
        WeightPlan plan = new WeightPlanner(context.config()).readerShift(input.percent(),
                context.records().current(context.config()));
        context.records().apply(plan, context.store());
        return plan;
    }

    @Override
    public Optional<PhaseStep> phaseAfter(Input input, WeightPlan plan) {
        return Optional.of(PhaseStep.to(Phase.SHIFTING, input.percent(), "readers to " + input.percent() + "%"));
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, WeightPlan plan) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("changed", !plan.isNoOp());
        result.set("weights", Plans.weights(RecordGroups.after(plan)));
        return result;
    }
}
