package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.SnapshotResult;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;
import java.util.Set;

/** A snapshot of the source instance before it is fenced, when the config names one (an RDS source). */
public final class SnapshotSource implements WorkflowTask<NoInput, SnapshotResult> {
    private static final Set<Phase> RUNS_FROM = EnumSet.of(Phase.SHIFTING);

    @Override
    public String name() {
        return "snapshotSource";
    }

    @Override
    public NoInput input(TaskInput call) {
        return NoInput.of(call);
    }

    @Override
    public Set<Phase> runsFrom(NoInput input) {
        return RUNS_FROM;
    }

    /** Null when the config names no source instance to snapshot. */
    @Override
    public SnapshotResult effect(TaskContext context, NoInput input) {
        String instance = context.config().snapshotSourceInstance();
        return instance == null ? null
                : context.ports().clusters().snapshotInstance(instance, "cutover-" + context.executionName());
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, SnapshotResult snapshot) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        if (snapshot == null) {
            result.putNull("snapshot");
        } else {
            result.put("snapshot", String.valueOf(snapshot));
        }
        return result;
    }
}
