package io.cutover.core.port.db;

import java.time.Duration;
import java.util.List;

/** Reads native logical replication state: slots on the source, subscriptions on the target. */
public interface NativeReplicationProbe {

    /**
     * @param slotNames         slots to read; empty = every logical slot of the source database
     * @param subscriptionNames subscriptions to read; empty = every subscription of the target database
     * @param timeout           the whole probe, both databases, must finish within this
     * @throws DatabaseStepException when either database cannot be read in time
     */
    NativeReplicationStatus probe(List<String> slotNames, List<String> subscriptionNames, Duration timeout);
}
