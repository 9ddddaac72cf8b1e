package io.cutover.core.config;

/**
 * How row counts are verified around the fence (issue 20): the settled part of every bucketed table is counted
 * before the fence (PrecountRows) and only its recent buckets after the drain; a checksum per bucket may be compared
 * beside the counts.
 *
 * @param settleMarginSeconds a bucket is settled (counted before the fence and not again) when it ends at least this
 *                            long before the precount started; it must exceed the replication lag and the time
 *                            changes to old rows still arrive (late corrections, back-dated inserts)
 * @param checksums           compare per bucket an order-independent aggregate of the rows' text beside the counts
 */
public record RowCountVerification(long settleMarginSeconds, boolean checksums) {
    public static final long DEFAULT_SETTLE_MARGIN_SECONDS = 3600;
    /** At least a minute: less would call buckets settled that replication may still be writing. */
    public static final long MIN_SETTLE_MARGIN_SECONDS = 60;
    /** At most 31 days: beyond a month of margin the precount settles (and saves) nearly nothing for month buckets. */
    public static final long MAX_SETTLE_MARGIN_SECONDS = 31L * 86_400;

    public static RowCountVerification defaults() {
        return new RowCountVerification(DEFAULT_SETTLE_MARGIN_SECONDS, false);
    }
}
