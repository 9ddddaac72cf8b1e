package io.cutover.core.rowcount;

import java.util.Objects;

/**
 * Whether a table's settled part must be counted again after the drain.
 *
 * @param fullRecount true: count the whole table now; false: the precount's settled counts stand and only its recent
 *                    buckets are counted
 * @param reason      why (shown in the report)
 */
public record RecountDecision(boolean fullRecount, String reason) {
    public RecountDecision {
        Objects.requireNonNull(reason, "reason");
    }

    static RecountDecision recount(String reason) {
        return new RecountDecision(true, reason);
    }

    static RecountDecision keepSettled(String reason) {
        return new RecountDecision(false, reason);
    }
}
