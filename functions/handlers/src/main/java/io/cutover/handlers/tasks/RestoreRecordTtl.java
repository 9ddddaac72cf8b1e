package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.RecordTtls;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * Puts back the TTL LowerRecordTtl lowered (issue 20), once the cutover completed or rolled back. From any phase and
 * without the lock: it runs after Complete released the lock, and in the rollback path, which never waits for it.
 * Repeating it is a no-op. The workflow catches its failure and goes on: a TTL left short is reported, never a
 * reason to fail a rollback.
 */
public final class RestoreRecordTtl extends BaseTask<NoInput, ObjectNode> {
    public RestoreRecordTtl() {
        super("restoreRecordTtl", NoInput::of, EnumSet.allOf(Phase.class), Lock.NOT_NEEDED);
    }

    @Override
    public ObjectNode effect(TaskContext context, NoInput input) {
        return new RecordTtls(context.records(), context.ports().clock()).restore(context.store(), context.config());
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, ObjectNode result) {
        return result;
    }
}
