package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.handlers.errors.HealthCheckFailedException;
import java.util.EnumSet;

/** After a reader step's bake: replication and alarms still healthy, or the workflow rolls back. */
public final class VerifyHealth extends BaseTask<VerifyHealth.Input, ReadinessVerdict> {
    public record Input(int percent) {
    }

    public VerifyHealth() {
        super("verifyHealth", VerifyHealth::parse, EnumSet.of(Phase.SHIFTING), Lock.HELD);
    }

    private static Input parse(TaskInput call) {
        return new Input(call.integer("percent", 1, 100));
    }

    @Override
    public ReadinessVerdict effect(TaskContext context, Input input) {
        return context.readiness().check(context.store(), context.config(), Gate.READER,
                context.config().replication().kind() == ReplicationKind.DMS, true);
    }

    @Override
    public void verdict(Input input, ReadinessVerdict verdict) {
        if (!verdict.ready()) {
            throw new HealthCheckFailedException("unhealthy at " + input.percent() + "%: " + verdict.summary());
        }
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, ReadinessVerdict verdict) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("healthy", true);
        result.put("summary", verdict.summary());
        return result;
    }
}
