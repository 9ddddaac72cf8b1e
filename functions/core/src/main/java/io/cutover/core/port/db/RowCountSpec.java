package io.cutover.core.port.db;

import java.util.Objects;
import java.util.Set;

/**
 * A table to count on both sides.
 *
 * @param table        {@code schema.table}; parts may be double-quoted ({@code "Sales"."Order Lines"}), unquoted parts fold to lower case
 * @param bucketColumn a date/time column to count per bucket; null = one exact count for the whole table
 * @param bucket       {@code date_trunc} unit: year, quarter, month, week, day or hour; null = month when a bucket column is given
 */
public record RowCountSpec(String table, String bucketColumn, String bucket) {
    public static final Set<String> BUCKETS = Set.of("year", "quarter", "month", "week", "day", "hour");

    public RowCountSpec {
        Objects.requireNonNull(table, "table");
        if (bucketColumn != null && bucketColumn.isBlank()) {
            bucketColumn = null;
        }
        if (bucketColumn != null && bucket == null) {
            bucket = "month";
        }
        if (bucket != null && !BUCKETS.contains(bucket)) {
            throw new IllegalArgumentException("bucket must be one of " + BUCKETS + ", was " + bucket + " for " + table);
        }
        if (bucket != null && bucketColumn == null) {
            throw new IllegalArgumentException("bucket " + bucket + " needs a bucketColumn for " + table);
        }
    }

    public static RowCountSpec whole(String table) {
        return new RowCountSpec(table, null, null);
    }

    public static RowCountSpec perBucket(String table, String column, String bucket) {
        return new RowCountSpec(table, column, bucket);
    }
}
