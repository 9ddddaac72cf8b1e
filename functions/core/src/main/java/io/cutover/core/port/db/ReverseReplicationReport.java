package io.cutover.core.port.db;

import java.util.List;

/**
 * What starting the reverse replication did.
 *
 * @param forwardStopped forward subscriptions disabled, their apply workers gone
 * @param tables         the tables the target publishes back
 * @param slotStartLsn   the reverse slot's start on the target: every change after it goes back to the source,
 *                       no forward-applied change is after it
 * @param originNone     the subscription ignores changes that were themselves replicated (both servers 16+)
 * @param owner          the subscription's owner on the source
 * @param created        what this call created; empty on a repeated call
 * @param millis         how long it took
 */
public record ReverseReplicationReport(List<String> forwardStopped, List<String> tables, String slotStartLsn,
                                       boolean originNone, String owner, List<String> created, long millis) {
    public ReverseReplicationReport {
        forwardStopped = List.copyOf(forwardStopped);
        tables = List.copyOf(tables);
        created = List.copyOf(created);
    }
}
