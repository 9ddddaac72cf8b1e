package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.ReverseSwitch;
import io.cutover.handlers.app.ReverseSwitch.ReversePrepared;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * Before the fence, outside the write window (issue 20): the reverse replication's publication and slot on the
 * target, where the servers allow it (native replication, PostgreSQL 16+ on both sides), so StartReverseReplication
 * does not wait inside the window for the slot's consistent snapshot. The intent is recorded first: a rollback before
 * the reverse replication starts drops whatever this created. A failure rolls back (readers have moved).
 */
public final class PrepareReverseReplication extends BaseTask<NoInput, JsonNode> {
    public PrepareReverseReplication() {
        super("prepareReverseReplication", NoInput::of, EnumSet.of(Phase.SHIFTING), Lock.HELD);
    }

    @Override
    public JsonNode effect(TaskContext context, NoInput input) {
        if (context.config().replication().kind() == io.cutover.core.config.ReplicationKind.NATIVE) {
            context.store().saveDocument(ReverseSwitch.REVERSE_PREPARED,
                    new ReversePrepared(context.executionName(), context.now()));
        }
        try (DatabaseSide db = context.databases()) {
            return db.prepareReverseReplication();
        }
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, JsonNode report) {
        return (ObjectNode) report;
    }
}
