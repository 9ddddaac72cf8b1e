package io.cutover.core.port.db;

import java.util.List;
import java.util.Objects;

/**
 * One table's counts.
 *
 * @param table             as requested
 * @param sourceRows        total on the source; null when it could not be counted
 * @param targetRows        total on the target; null when it could not be counted
 * @param matches           totals and every bucket agree
 * @param mismatchedBuckets buckets whose counts differ (empty for whole-table counts)
 * @param problem           why it could not be compared (missing table, bad column); null when it was
 */
public record TableRowCount(
        String table, Long sourceRows, Long targetRows, boolean matches, List<BucketCount> mismatchedBuckets,
        String problem) {
    public TableRowCount {
        Objects.requireNonNull(table, "table");
        mismatchedBuckets = mismatchedBuckets == null ? List.of() : List.copyOf(mismatchedBuckets);
    }
}
