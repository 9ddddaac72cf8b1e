package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.phase.Phase;
import io.cutover.core.rollback.RecoveryHandOver;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.rollback.RollbackPlanner;
import io.cutover.handlers.app.RollbackService;
import io.cutover.handlers.errors.InvalidTaskInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * After the rollback moved traffic back: the recovery the strategy names (none, Backtrack, or the start of a
 * point-in-time restore, which the workflow then waits for: {@code "restoring": true}). The strategy is the
 * configured one, or the one a hand-over from the alarm handler or the API names ({@code handOver}).
 */
public final class Recover extends BaseTask<Recover.Input, ObjectNode> {
    /** Where the rollback left the migration: rolling back, rolled back (an alarm finished first), or never active. */
    static final Set<Phase> AFTER_ROLLBACK = EnumSet.of(Phase.IDLE, Phase.ROLLING_BACK, Phase.ROLLED_BACK);
    private static final List<String> STRATEGIES = Arrays.stream(RollbackStrategy.values())
            .map(RollbackStrategy::wireName).toList();

    /** @param handOver null in the workflow's own rollback */
    public record Input(RecoveryHandOver handOver) {
    }

    public Recover() {
        super("recover", Recover::parse, AFTER_ROLLBACK, Lock.NOT_NEEDED);
    }

    private static Input parse(TaskInput call) {
        JsonNode value = call.tree().get(RecoveryHandOver.FIELD);
        if (value == null || value.isNull()) {
            return new Input(null);
        }
        String expected = "null, or {\"requestedBy\": string, \"reason\": string, \"strategy\": one of " + STRATEGIES
                + "}";
        if (!value.isObject() || !value.path("requestedBy").isTextual() || !value.path("reason").isTextual()
                || !STRATEGIES.contains(value.path("strategy").asText(null))) {
            throw new InvalidTaskInputException(call.task() + ": " + RecoveryHandOver.FIELD + " is " + value
                    + "; expected " + expected);
        }
        RollbackStrategy strategy = Arrays.stream(RollbackStrategy.values())
                .filter(s -> s.wireName().equals(value.path("strategy").asText())).findFirst().orElseThrow();
        return new Input(new RecoveryHandOver(value.path("requestedBy").asText(), value.path("reason").asText(),
                strategy));
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
