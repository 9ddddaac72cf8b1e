package io.cutover.core.port.db;

import java.time.Duration;

/** Removes the replication plumbing after a completed cutover. */
public interface ReplicationCleanup {

    /**
     * Drops, in this order: each subscription on the target; each slot on the source that the subscription drop
     * did not already remove; each publication on the source. Idempotent: what is already gone is reported as such.
     * Stops at the first failure and marks the remaining steps {@link CleanupOutcome#SKIPPED}.
     */
    CleanupReport cleanup(CleanupRequest request, Duration timeout);
}
