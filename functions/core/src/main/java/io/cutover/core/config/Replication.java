package io.cutover.core.config;

import java.util.List;

/**
 * @param dmsTaskArns   for {@code dms}: every task that must be caught up (one per slot in big migrations)
 * @param slots         for {@code native}: the replication slots on the source
 * @param subscriptions for {@code native}: the subscriptions on the target
 * @param publication   for {@code native}: the publication on the source (dropped by cleanup)
 */
public record Replication(
        ReplicationKind kind,
        List<String> dmsTaskArns,
        List<String> slots,
        List<String> subscriptions,
        String publication) {

    /** The ids readiness is evaluated for: task ARNs or slot names. */
    public List<String> sourceIds() {
        return kind == ReplicationKind.DMS ? dmsTaskArns : slots;
    }
}
