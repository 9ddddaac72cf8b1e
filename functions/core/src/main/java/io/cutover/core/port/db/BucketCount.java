package io.cutover.core.port.db;

/**
 * Rows in one time bucket on each side.
 *
 * @param bucket     the bucket start (ISO-8601), or {@code null-bucket} for rows whose column is NULL
 * @param sourceRows rows on the source
 * @param targetRows rows on the target
 */
public record BucketCount(String bucket, long sourceRows, long targetRows) {
}
