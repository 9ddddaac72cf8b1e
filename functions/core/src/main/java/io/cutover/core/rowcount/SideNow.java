package io.cutover.core.rowcount;

import java.util.Objects;

/**
 * One side of one table after the drain: its statistics (read before the recent rows are counted) and how many
 * recent rows it has now.
 */
public record SideNow(String statsEpoch, TableActivity activity, long recentRows) {
    public SideNow {
        Objects.requireNonNull(activity, "activity");
    }
}
