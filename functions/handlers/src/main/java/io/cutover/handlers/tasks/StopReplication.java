package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * After the switch: the DMS tasks stopped when the config asks for it, the fenced roles' sessions on the source ended
 * (pools reconnect through the moved record), and the fence watch's slot dropped (it keeps WAL on the source while it
 * exists). The writer has moved, so a slot that cannot be dropped is reported in the
 * output for a person, not rolled back for.
 */
public final class StopReplication extends BaseTask<NoInput, StopReplication.Stopped> {
    /** @param fenceWatch what became of the fence watch: {@code ended}, {@code none}, or why it is still there */
    /** @param sourceSessionsEnded fenced sessions ended on the source ({@link DatabaseSide#endFencedSourceSessions}) */
    public record Stopped(List<String> tasks, String fenceWatch, String sourceSessionsEnded) {
    }

    public StopReplication() {
        super("stopReplication", NoInput::of, EnumSet.of(Phase.SWITCHED), Lock.HELD);
    }

    @Override
    public Stopped effect(TaskContext context, NoInput input) {
        CutoverConfig config = context.config();
        List<String> stopped = new ArrayList<>();
        if (config.stopDmsTaskAfterSwitch() && config.replication().kind() == ReplicationKind.DMS) {
            for (String arn : config.replication().dmsTaskArns()) {
                stopped.add(context.ports().dmsTasks().stop(arn));
            }
        }
        String fenceWatch;
        String sessions;
        try (DatabaseSide db = context.databases()) {
            sessions = Watch.endFencedSourceSessions(db);
            fenceWatch = db.endFenceWatch() ? "ended" : "none";
        } catch (RuntimeException e) {
            fenceWatch = "not dropped, drop it by hand: " + e.getMessage();
            sessions = "not ended: " + e.getMessage();
        }
        return new Stopped(stopped, fenceWatch, sessions);
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, Stopped stopped) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("stopped");
        stopped.tasks().forEach(list::add);
        result.put("fenceWatch", stopped.fenceWatch());
        result.put("sourceSessionsEnded", stopped.sourceSessionsEnded());
        return result;
    }
}
