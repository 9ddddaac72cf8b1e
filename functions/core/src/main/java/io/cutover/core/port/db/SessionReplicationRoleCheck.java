package io.cutover.core.port.db;

import java.time.Duration;

/** Checks, and on request resets, {@code session_replication_role} on the target. */
public interface SessionReplicationRoleCheck {

    /** Reports every stored setting for the target database and the value a fresh session gets; changes nothing. */
    SessionReplicationRoleReport check(Duration timeout);

    /**
     * Resets every stored setting that is not {@code origin} ({@code ALTER DATABASE … RESET},
     * {@code ALTER ROLE … [IN DATABASE …] RESET}), then checks again from a fresh session.
     * A server default other than {@code origin} (parameter group) is reported, not changed. Idempotent.
     */
    SessionReplicationRoleReport resetToOrigin(Duration timeout);
}
