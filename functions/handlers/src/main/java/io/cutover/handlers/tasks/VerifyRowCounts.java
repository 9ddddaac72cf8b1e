package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.handlers.app.PrecountDocuments;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSide.RowCountOutcome;
import io.cutover.handlers.errors.RowCountMismatchException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;

/**
 * Row counts on both sides after the drain; any difference (a count, or a checksum when configured), or no table
 * counted at all, stops the switch. With PrecountRows' record, a bucketed table's settled rows are not counted again
 * unless its statistics say they may have changed (issue 20).
 */
public final class VerifyRowCounts extends BaseTask<NoInput, RowCountOutcome> {
    public VerifyRowCounts() {
        super("verifyRowCounts", NoInput::of, EnumSet.of(Phase.DRAINED), Lock.HELD);
    }

    @Override
    public RowCountOutcome effect(TaskContext context, NoInput input) {
        // PrecountRows' record, if this execution took one (an older state has none: every row is counted).
        RowPrecount precount = new PrecountDocuments(context.store()).load(context.executionName()).orElse(null);
        try (DatabaseSide db = context.databases()) {
            return db.verifyRowCounts(context.executionName(), precount);
        }
    }

    @Override
    public void verdict(NoInput input, RowCountOutcome outcome) {
        if (outcome.tables() == 0 && outcome.mismatched().isEmpty()) {
            throw new RowCountMismatchException("no table was counted: a check of nothing is not a pass");
        }
        if (!outcome.mismatched().isEmpty()) {
            throw new RowCountMismatchException("row counts differ for " + outcome.mismatched());
        }
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, RowCountOutcome outcome) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("tables", outcome.tables());
        result.putArray("mismatched");
        // How each table was counted inside the window: settled rows from the precount, or every row (issue 20).
        long fromPrecount = 0;
        if (outcome.detail() != null) {
            for (JsonNode table : outcome.detail().path("tables")) {
                if (table.path("counted").asText().startsWith("settled rows")) {
                    fromPrecount++;
                }
            }
        }
        result.put("settledFromPrecount", fromPrecount);
        return result;
    }
}
