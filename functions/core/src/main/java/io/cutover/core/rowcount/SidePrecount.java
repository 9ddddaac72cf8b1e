package io.cutover.core.rowcount;

import java.util.Objects;

/**
 * One side's precount of one bucketed table, all from one snapshot except {@code activity}, which is read just before
 * it (so a change committed in between is both counted and a delta: a needless recount, never a missed one).
 *
 * @param activity        the table's statistics when the precount began
 * @param settledRows     rows whose bucket column is before the settled cutoff
 * @param settledChecksum the order-independent aggregate of those rows' text; null when checksums are off
 * @param recentRows      the other rows: bucket column at or after the cutoff, or NULL
 */
public record SidePrecount(TableActivity activity, long settledRows, String settledChecksum, long recentRows) {
    public SidePrecount {
        Objects.requireNonNull(activity, "activity");
    }
}
