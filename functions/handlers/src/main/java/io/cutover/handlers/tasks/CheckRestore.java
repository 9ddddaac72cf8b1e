package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.rollback.RestoreProgress;
import io.cutover.handlers.app.RestoreSteps;
import java.time.Instant;
import java.util.List;

/**
 * One look at a point-in-time restore, polled by the state machine between Wait states: the restored cluster
 * ({@code "resource": "cluster"}) until it is available, then its writer ({@code "writer"}). Changes nothing.
 * Throws {@code RestoreFailedException} for a status the restore cannot recover from.
 */
public final class CheckRestore extends BaseTask<CheckRestore.Input, RestoreProgress> {

    /** @param deadline when the workflow stops waiting (from {@code recover}'s output) */
    public record Input(RestoreSteps.Resource resource, Instant deadline) {
    }

    public CheckRestore() {
        super("checkRestore", CheckRestore::parse, Recover.AFTER_ROLLBACK, Lock.NOT_NEEDED);
    }

    private static Input parse(TaskInput call) {
        RestoreSteps.Resource resource = "writer".equals(call.oneOf("resource", List.of("cluster", "writer")))
                ? RestoreSteps.Resource.WRITER : RestoreSteps.Resource.CLUSTER;
        return new Input(resource, call.instant("deadline"));
    }

    @Override
    public RestoreProgress effect(TaskContext context, Input input) {
        return context.rollbacks().restores().check(context.config(), input.resource(), input.deadline());
    }

    @Override
    public ObjectNode output(TaskContext context, Input input, RestoreProgress progress) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("available", progress.available());
        result.put("deadlinePassed", progress.deadlinePassed());
        result.put("status", progress.status());
        result.put("summary", progress.summary());
        return result;
    }
}
