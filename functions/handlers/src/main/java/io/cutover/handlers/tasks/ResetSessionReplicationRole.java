package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.errors.SessionReplicationRoleNotOriginException;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;

/** The target's session_replication_role checked (and, when configured, reset to origin) before it takes writes. */
public final class ResetSessionReplicationRole extends DatabaseReportTask {
    public ResetSessionReplicationRole() {
        super("resetSessionReplicationRole", DatabaseSide::resetSessionReplicationRole);
    }

    /**
     * With anything but {@code origin} left (after the reset, where one ran), application writes on the target would
     * run with triggers and foreign keys off; a parameter group pinned to {@code replica} needs a person.
     */
    @Override
    public void verdict(NoInput input, JsonNode report) {
        JsonNode last = report.has("after") ? report.path("after") : report.path("before");
        if (!last.path("allOrigin").asBoolean(false)) {
            throw new SessionReplicationRoleNotOriginException("session_replication_role on the target is "
                    + last.path("sessionValue").asText("unknown") + ": " + last.path("detail").asText(
                    "not every setting is origin"));
        }
    }
}
