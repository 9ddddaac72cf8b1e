package io.cutover.handlers.tasks;

import io.cutover.handlers.app.DatabaseSide;

/**
 * At the switch, after the drain and the checks, before the writer moves: forward replication stops and the reverse
 * one (target → source) starts, so that every write the target takes can go back on a rollback (issue 18).
 * A failure rolls back (the writer has not moved).
 */
public final class StartReverseReplication extends DatabaseReportTask {
    public StartReverseReplication() {
        super("startReverseReplication", DatabaseSide::startReverseReplication);
    }
}
