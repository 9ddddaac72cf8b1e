package io.cutover.core.config;

/** A table to count on both sides; with a bucket column, counted per time bucket (for big tables). */
public record RowCountSpec(String table, String bucketColumn, Bucket bucket) {
}
