package io.cutover.handlers.tasks;

import io.cutover.handlers.app.DatabaseSide;

/** Every target sequence to at least the source's value plus the buffer, never backwards. */
public final class SyncSequences extends DatabaseReportTask {
    public SyncSequences() {
        super("syncSequences", DatabaseSide::syncSequences);
    }
}
