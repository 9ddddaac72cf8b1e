package io.cutover.core.port.db;

import java.time.Duration;
import java.util.List;

/**
 * Carries sequence positions from the source to the target (logical replication and DMS copy rows, not
 * sequence state). Every sequence of the schemas counts: column-owned ({@code serial}), identity and free-standing.
 */
public interface SequenceSync {

    /**
     * Sets each target sequence to at least the source's last value plus {@code buffer}; never moves a target
     * sequence backwards. Idempotent: a second run finds everything {@link SequenceAction#ALREADY_AHEAD}.
     *
     * @param schemas schemas whose sequences to sync
     * @param buffer  safety margin ≥ 0 for values the source hands out after the read
     * @param dryRun  report what would change without changing it
     * @param timeout the whole sync must finish within this
     * @throws DatabaseStepException when a database cannot be read or written in time
     */
    SequenceSyncReport sync(List<String> schemas, long buffer, boolean dryRun, Duration timeout);
}
