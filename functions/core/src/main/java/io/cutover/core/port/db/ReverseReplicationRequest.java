package io.cutover.core.port.db;

import java.util.List;
import java.util.Objects;

/**
 * The reverse replication of the fall-back window: target → source, started at the switch.
 *
 * @param forwardSubscriptions the forward subscriptions on the target, disabled first; their tables are the ones
 *                             replicated back
 * @param publication          created on the target for those tables
 * @param slot                 the logical slot created on the target; the reverse subscription uses it
 * @param subscription         created on the source, owned by the source login (never a fenced role)
 * @param publisherConninfo    how the source reaches the target (a libpq connection string)
 * @param fencedRoles          the application roles the fence touches: the subscription owner must not be one
 */
public record ReverseReplicationRequest(List<String> forwardSubscriptions, String publication, String slot,
                                        String subscription, String publisherConninfo, List<String> fencedRoles) {
    public ReverseReplicationRequest {
        forwardSubscriptions = List.copyOf(forwardSubscriptions);
        Objects.requireNonNull(publication, "publication");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(publisherConninfo, "publisherConninfo");
        fencedRoles = List.copyOf(fencedRoles);
    }

    /** The names a migration's reverse replication uses: one publication, slot and subscription per migration. */
    public static String objectName(String migrationId) {
        return "cutover_reverse_" + migrationId.toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    /** Hides the password of the connection string (it is stored in pg_subscription, never in a report). */
    @Override
    public String toString() {
        return "ReverseReplicationRequest[forwardSubscriptions=" + forwardSubscriptions + ", publication="
                + publication + ", slot=" + slot + ", subscription=" + subscription + "]";
    }
}
