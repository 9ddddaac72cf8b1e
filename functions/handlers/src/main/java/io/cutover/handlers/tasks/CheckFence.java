package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.RollbackService.FenceState;
import io.cutover.handlers.errors.FenceRecordMissingException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * The last check before the writer moves: nothing wrote to a replicated table on the source past the fence. The
 * read-only fence is a default any session may override; a write that went around it would be lost at the switch.
 */
public final class CheckFence extends BaseTask<NoInput, String> {
    public CheckFence() {
        super("checkFence", NoInput::of, EnumSet.of(Phase.DRAINED), Lock.HELD);
    }

    @Override
    public String effect(TaskContext context, NoInput input) {
        FenceState fence = context.store().document(CutoverStore.FENCE, FenceState.class)
                .orElseThrow(() -> new FenceRecordMissingException("fence check before fence: no fence record"));
        try (DatabaseSide db = context.databases()) {
            db.requireNoWritesPastFence(fence.record());
        }
        return fence.record().fenceLsn();
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, String fenceLsn) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("fenceHeld", true);
        result.put("fenceLsn", fenceLsn);
        return result;
    }
}
