package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.errors.SequenceSyncIncompleteException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;

/**
 * Every target sequence to at least the source's value plus the buffer, never backwards. A sequence the sync could
 * not carry over (missing on the target, out of range, unreadable on the source) stops the switch: the target would
 * hand out values the source already used.
 */
public final class SyncSequences extends DatabaseReportTask {
    public SyncSequences() {
        super("syncSequences", DatabaseSide::syncSequences);
    }

    @Override
    public void verdict(NoInput input, JsonNode report) {
        if (!report.path("problems").isEmpty()) {
            throw new SequenceSyncIncompleteException("sequences not carried over to the target: "
                    + report.path("problems"));
        }
    }
}
