package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSide.FenceRecord;
import io.cutover.handlers.app.RollbackService.FenceState;
import io.cutover.handlers.errors.FenceIncompleteException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * Fences every configured application role on the source. FENCED and the roles' settings are recorded before any
 * role changes, so a rollback after a crash at any point knows there is a fence to undo and what to restore.
 */
public final class FenceSource extends BaseTask<NoInput, FenceRecord> {
    public FenceSource() {
        super("fenceSource", NoInput::of, EnumSet.of(Phase.SHIFTING, Phase.FENCED), Lock.HELD);
    }

    @Override
    public FenceRecord effect(TaskContext context, NoInput input) {
        context.record(PhaseStep.to(Phase.FENCED, 100, "fencing " + context.config().fence().roles()));
        CutoverStore store = context.store();
        FenceState previous = store.document(CutoverStore.FENCE, FenceState.class).filter(f -> !f.restored())
                .orElse(null);
        FenceRecord record;
        try (DatabaseSide db = context.databases()) {
            if (previous == null) {
                // Saved before any role changes: should this invocation die between fencing and saving its report,
                // the rollback still knows every role's original settings and restores them.
                previous = new FenceState(db.recordBeforeFence(), false);
                store.saveDocument(CutoverStore.FENCE, previous);
            }
            record = db.fence(previous.record());
        }
        store.saveDocument(CutoverStore.FENCE, new FenceState(record, false));
        return record;
    }

    @Override
    public void verdict(NoInput input, FenceRecord record) {
        if (!record.complete()) {
            throw new FenceIncompleteException("fence incomplete: " + record.error());
        }
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, FenceRecord record) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode roles = result.putArray("fencedRoles");
        record.roles().forEach(roles::add);
        result.put("fenceLsn", record.fenceLsn());
        return result;
    }
}
