package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** After the switch: the DMS tasks stopped when the config asks for it. */
public final class StopReplication extends BaseTask<NoInput, List<String>> {
    public StopReplication() {
        super("stopReplication", NoInput::of, EnumSet.of(Phase.SWITCHED), Lock.HELD);
    }

    @Override
    public List<String> effect(TaskContext context, NoInput input) {
        CutoverConfig config = context.config();
        List<String> stopped = new ArrayList<>();
        if (config.stopDmsTaskAfterSwitch() && config.replication().kind() == ReplicationKind.DMS) {
            for (String arn : config.replication().dmsTaskArns()) {
                stopped.add(context.ports().dmsTasks().stop(arn));
            }
        }
        return stopped;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, List<String> stopped) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("stopped");
        stopped.forEach(list::add);
        return result;
    }
}
