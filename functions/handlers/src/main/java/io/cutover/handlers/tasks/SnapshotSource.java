package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.SnapshotResult;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/** A snapshot of the source instance before it is fenced, when the config names one (an RDS source). */
public final class SnapshotSource extends BaseTask<NoInput, SnapshotResult> {
    /** Null when the config names no source instance to snapshot. */
    public SnapshotSource() {
        super("snapshotSource", NoInput::of, EnumSet.of(Phase.SHIFTING), Lock.HELD);
    }

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
