package io.cutover.core.port.db;

import java.util.List;

/**
 * Replication objects to remove once the cutover is complete.
 *
 * @param subscriptions subscriptions on the target; their slots on the source are cleaned up too
 * @param slots         further slots on the source (e.g. a DMS task's slot)
 * @param publications  publications on the source
 */
public record CleanupRequest(List<String> subscriptions, List<String> slots, List<String> publications) {
    public CleanupRequest {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        slots = slots == null ? List.of() : List.copyOf(slots);
        publications = publications == null ? List.of() : List.copyOf(publications);
    }
}
