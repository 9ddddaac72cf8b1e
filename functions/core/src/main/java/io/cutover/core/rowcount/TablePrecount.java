package io.cutover.core.rowcount;

import io.cutover.core.config.Bucket;
import java.time.Instant;
import java.util.Objects;

/**
 * The precount of one table on both sides: of a bucketed table, the rows of its settled buckets; of a table counted
 * whole (no bucket column, cutoff and unit: all null), every row, so that VerifyRowCounts counts it again only when its
 * statistics show a change since (issue 20: a table without a bucket column is not counted inside the write window).
 *
 * @param settledBefore the cutoff: rows whose bucket column is before it are settled (an absolute instant; a date or
 *                      timestamp column is compared in the session's time zone, the same on both sides); null for a
 *                      table counted whole
 */
public record TablePrecount(String table, String bucketColumn, Bucket bucket, Instant settledBefore,
                            SidePrecount source, SidePrecount target) {
    public TablePrecount {
        Objects.requireNonNull(table, "table");
        if ((bucketColumn == null) != (bucket == null) || (bucketColumn == null) != (settledBefore == null)) {
            throw new IllegalArgumentException("bucketColumn, bucket and settledBefore are all set (a bucketed table)"
                    + " or all null (a table counted whole), were " + bucketColumn + ", " + bucket + ", "
                    + settledBefore);
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Source and target held the same settled rows (count, and checksum when taken) at the precount. The two sides
     * are counted at slightly different moments, so a change in flight then shows as a disagreement: the table is
     * recounted in full, nothing fails on it.
     */
    /** A table counted whole: every row is "settled", none recent. */
    public boolean whole() {
        return bucketColumn == null;
    }

    public boolean settledAgree() {
        return source.settledRows() == target.settledRows()
                && Objects.equals(source.settledChecksum(), target.settledChecksum());
    }
}
