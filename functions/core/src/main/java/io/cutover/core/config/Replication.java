package io.cutover.core.config;

import java.util.List;

/**
 * @param dmsTaskArns   for {@code dms}: every task that must be caught up (one per slot in big migrations)
 * @param slots         for {@code native}: the replication slots on the source
 * @param subscriptions for {@code native}: the subscriptions on the target
 * @param publication   for {@code native}: the publication on the source (dropped by cleanup)
 * @param reverseDmsTaskArn for {@code dms}: the CDC-only task from the target back to the source, provisioned
 *                      stopped, that the switch starts from the switch position (issue 18); null: no fall-back
 *                      window over DMS, the target's writes after the switch cannot go back
 */
public record Replication(
        ReplicationKind kind,
        List<String> dmsTaskArns,
        List<String> slots,
        List<String> subscriptions,
        String publication,
        String reverseDmsTaskArn) {

    public Replication(ReplicationKind kind, List<String> dmsTaskArns, List<String> slots, List<String> subscriptions,
                       String publication) {
        this(kind, dmsTaskArns, slots, subscriptions, publication, null);
    }

    /** The ids readiness is evaluated for: task ARNs or slot names. */
    public List<String> sourceIds() {
        return kind == ReplicationKind.DMS ? dmsTaskArns : slots;
    }

    /** DMS with a reverse task configured: the switch can open a fall-back window. */
    public boolean hasDmsReverseTask() {
        return kind == ReplicationKind.DMS && reverseDmsTaskArn != null;
    }
}
