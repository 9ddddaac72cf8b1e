package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.core.port.db.FedColumnReads;
import io.cutover.handlers.app.SequencePresync;
import io.cutover.handlers.app.SequenceSyncSummary;
import io.cutover.handlers.errors.SequenceSyncIncompleteException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Every target sequence to at least the source's value plus the buffer, never backwards. A sequence the sync could
 * not carry over (missing on the target, out of range, unreadable on the source) stops the switch: the target would
 * hand out values the source already used.
 *
 * <p>After PresyncSequences of this execution, the fed columns are read again only where the pre-sync found values
 * past the sequence (issue 20: reading thousands of columns' extremes is what the schema costs, not the recent
 * changes). What that can miss: a value written explicitly between the pre-sync and the fence into a column whose
 * values had all come from its sequence, and more than the buffer past both the sequence and the column's largest
 * value at the pre-sync; the source's sequence positions themselves are always read after the fence.
 */
public final class SyncSequences extends BaseTask<NoInput, JsonNode> {
    public SyncSequences() {
        // Beside the drain (the workflow's SwitchChecks): the source's positions are final once it is fenced.
        super("syncSequences", NoInput::of, EnumSet.of(Phase.FENCED, Phase.DRAINED), Lock.HELD);
    }

    @Override
    public JsonNode effect(TaskContext context, NoInput input) {
        // Summed up here, so that the verdict and the output see the same (bounded) document: SequenceSyncSummary.
        Optional<SequencePresync> presync = context.store().document(CutoverStore.SEQUENCE_PRESYNC,
                SequencePresync.class).filter(p -> p.executionName().equals(context.executionName()));
        FedColumnReads reads = presync.map(SequencePresync::reads).orElse(FedColumnReads.ALL);
        JsonNode report;
        try (DatabaseSide db = context.databases()) {
            report = db.syncSequences(reads);
        }
        ObjectNode summary = SequenceSyncSummary.of(report);
        if (presync.isPresent()) {
            summary.put("presyncedAt", presync.get().at().toString());
        } else {
            summary.putNull("presyncedAt");
        }
        return summary;
    }

    @Override
    public void verdict(NoInput input, JsonNode report) {
        if (!report.path("problems").isEmpty()) {
            throw new SequenceSyncIncompleteException("sequences not carried over to the target: "
                    + SequenceSyncSummary.problems(report));
        }
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, JsonNode report) {
        return (ObjectNode) report;
    }
}
