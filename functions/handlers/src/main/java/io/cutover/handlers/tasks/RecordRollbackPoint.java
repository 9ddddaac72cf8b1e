package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.RollbackService.RollbackPoint;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;
import java.util.Set;

/** The time and source position a recovery goes back to, recorded before the first weight moves. */
public final class RecordRollbackPoint implements WorkflowTask<NoInput, RollbackPoint> {
    private static final Set<Phase> RUNS_FROM = EnumSet.of(Phase.READY);

    @Override
    public String name() {
        return "recordRollbackPoint";
    }

    @Override
    public NoInput input(TaskInput call) {
        return NoInput.of(call);
    }

    @Override
    public Set<Phase> runsFrom(NoInput input) {
        return RUNS_FROM;
    }

    /** One point per attempt (a point from an earlier attempt would send a recovery too far back). */
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
