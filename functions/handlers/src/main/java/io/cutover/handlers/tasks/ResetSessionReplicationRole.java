package io.cutover.handlers.tasks;

import io.cutover.handlers.app.DatabaseSide;

/** The target's session_replication_role checked (and, when configured, reset to origin) before it takes writes. */
public final class ResetSessionReplicationRole extends DatabaseReportTask {
    public ResetSessionReplicationRole() {
        super("resetSessionReplicationRole", DatabaseSide::resetSessionReplicationRole);
    }
}
