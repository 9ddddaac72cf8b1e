package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.DocumentTooLargeException;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.handlers.app.PrecountDocuments;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * Before the fence, outside the write window (issue 20): counts on both sides the settled rows of every bucketed
 * row-count table and records them, with each table's statistics, in the cutover store, so VerifyRowCounts counts only
 * the recent rows while writes are down. The precount only saves time: when there is nothing to precount, or it cannot
 * be taken or stored, any earlier precount is removed and VerifyRowCounts counts every row, as without it.
 */
public final class PrecountRows extends BaseTask<NoInput, PrecountRows.Outcome> {
    /** @param precount null when none was stored; @param reason why not, or null */
    public record Outcome(RowPrecount precount, String reason) {
    }

    public PrecountRows() {
        super("precountRows", NoInput::of, EnumSet.of(Phase.SHIFTING), Lock.HELD);
    }

    @Override
    public Outcome effect(TaskContext context, NoInput input) {
        PrecountDocuments documents = new PrecountDocuments(context.store());
        // Whatever happens next, no precount of an earlier attempt may stand for this one.
        documents.forget();
        RowPrecount precount;
        try (DatabaseSide db = context.databases()) {
            precount = db.precountRows(context.executionName(), context.now());
        } catch (DatabaseStepException e) {
            return new Outcome(null, "the precount failed, VerifyRowCounts counts every row: " + e.getMessage());
        }
        if (precount == null) {
            return new Outcome(null, "no table to count: VerifyRowCounts reports it");
        }
        try {
            documents.save(precount);
        } catch (DocumentTooLargeException e) {
            return new Outcome(null, "the precount does not fit the store, VerifyRowCounts counts every row: "
                    + e.getMessage());
        }
        return new Outcome(precount, null);
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, Outcome outcome) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        RowPrecount p = outcome.precount();
        result.put("stored", p != null);
        result.put("tables", p == null ? 0 : p.tables().size());
        result.put("settledRows", p == null ? 0 : p.tables().stream().mapToLong(t -> t.source().settledRows()).sum());
        result.put("settledDisagreeing", p == null ? 0 : p.tables().stream().filter(t -> !t.settledAgree()).count());
        if (outcome.reason() != null) {
            result.put("reason", outcome.reason());
        }
        return result;
    }
}
