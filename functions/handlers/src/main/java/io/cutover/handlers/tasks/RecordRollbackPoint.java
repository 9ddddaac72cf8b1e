package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.RollbackService.RollbackPoint;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/** The time and source position a recovery goes back to, recorded before the first weight moves. */
public final class RecordRollbackPoint extends BaseTask<NoInput, RollbackPoint> {
    /** One point per attempt (a point from an earlier attempt would send a recovery too far back). */
    public RecordRollbackPoint() {
        super("recordRollbackPoint", NoInput::of, EnumSet.of(Phase.READY), Lock.HELD);
    }

    @Override
    public RollbackPoint effect(TaskContext context, NoInput input) {
        String position;
        try (DatabaseSide db = context.databases()) {
            position = db.sourcePosition();
        }
        RollbackPoint point = new RollbackPoint(context.now(), position);
        context.store().saveDocument(CutoverStore.ROLLBACK_POINT, point);
        return point;
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, RollbackPoint point) {
        return Json.MAPPER.valueToTree(point);
    }
}
