package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.RestoredWriter;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;

/**
 * Adds the writer instance to the restored cluster, once the workflow saw the cluster available: RDS creates
 * instances only in an available cluster. A repeated call finds the writer and creates nothing; a cluster that is
 * not available (any more) throws {@code RestoreNotReadyException}, and the workflow waits and looks again.
 */
public final class CreateRestoredWriter extends BaseTask<NoInput, RestoredWriter> {

    public CreateRestoredWriter() {
        super("createRestoredWriter", NoInput::of, Recover.AFTER_ROLLBACK, Lock.NOT_NEEDED);
    }

    @Override
    public RestoredWriter effect(TaskContext context, NoInput input) {
        return context.rollbacks().restores().createWriter(context.config());
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, RestoredWriter writer) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("cluster", writer.clusterId());
        result.put("writer", writer.instanceId());
        result.put("instanceClass", writer.instanceClass());
        result.put("status", writer.status());
        result.put("alreadyExisted", writer.alreadyExisted());
        return result;
    }
}
