package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.RecordTtls;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * Lowers the TTL of every record group to {@code dns.cutoverTtlSeconds} before the first weight moves (issue 20), so
 * that by the fence no resolver holds an answer cached for longer: the workflow waits until {@code cachesExpireAt}
 * (the lowering's INSYNC plus the longest old TTL) before it fences. Weights are written back exactly as read.
 */
public final class LowerRecordTtl extends BaseTask<NoInput, ObjectNode> {
    public LowerRecordTtl() {
        super("lowerRecordTtl", NoInput::of, EnumSet.of(Phase.READY, Phase.SHIFTING), Lock.HELD);
    }

    @Override
    public ObjectNode effect(TaskContext context, NoInput input) {
        return new RecordTtls(context.records(), context.ports().clock()).lower(context.store(), context.config());
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, ObjectNode result) {
        return result;
    }
}
