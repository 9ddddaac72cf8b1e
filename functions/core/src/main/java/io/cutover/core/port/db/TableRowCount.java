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
 * @param checksumMismatchedBuckets buckets with equal counts whose checksums differ (checksums on only)
 * @param counted           how the rows were counted: in full, or the settled part taken from the precount and only
 *                          the recent buckets counted after the drain, and why (issue 20)
 */
public record TableRowCount(
        String table, Long sourceRows, Long targetRows, boolean matches, List<BucketCount> mismatchedBuckets,
        String problem, List<String> checksumMismatchedBuckets, String counted) {
    public TableRowCount {
        Objects.requireNonNull(table, "table");
        mismatchedBuckets = mismatchedBuckets == null ? List.of() : List.copyOf(mismatchedBuckets);
        checksumMismatchedBuckets = checksumMismatchedBuckets == null ? List.of()
                : List.copyOf(checksumMismatchedBuckets);
    }

    public TableRowCount(String table, Long sourceRows, Long targetRows, boolean matches,
                         List<BucketCount> mismatchedBuckets, String problem) {
        this(table, sourceRows, targetRows, matches, mismatchedBuckets, problem, List.of(), "in full");
    }

    public TableRowCount withCounted(String how) {
        return new TableRowCount(table, sourceRows, targetRows, matches, mismatchedBuckets, problem,
                checksumMismatchedBuckets, how);
    }
}
