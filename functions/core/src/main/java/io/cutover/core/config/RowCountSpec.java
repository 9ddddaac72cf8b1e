package io.cutover.core.config;

import java.util.Objects;

/**
 * A table to count on both sides; with a bucket column, counted per time bucket (for big tables).
 *
 * @param table        {@code schema.table}; parts may be double-quoted ({@code "Sales"."Order Lines"}), unquoted parts fold to lower case
 * @param bucketColumn a date/time column to count per bucket; null (or blank) = one exact count for the whole table
 * @param bucket       the {@code date_trunc} unit; null = month when a bucket column is given
 */
public record RowCountSpec(String table, String bucketColumn, Bucket bucket) {
    public RowCountSpec {
        Objects.requireNonNull(table, "table");
        if (bucketColumn != null && bucketColumn.isBlank()) {
            bucketColumn = null;
        }
        if (bucketColumn != null && bucket == null) {
            bucket = Bucket.MONTH;
        }
        if (bucket != null && bucketColumn == null) {
            throw new IllegalArgumentException("bucket " + bucket.wireName() + " needs a bucketColumn for " + table);
        }
    }

    public static RowCountSpec whole(String table) {
        return new RowCountSpec(table, null, null);
    }

    public static RowCountSpec perBucket(String table, String column, Bucket bucket) {
        return new RowCountSpec(table, column, bucket);
    }
}
