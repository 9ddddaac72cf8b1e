package io.cutover.core.rowcount;

import io.cutover.core.config.Bucket;
import java.time.Instant;
import java.util.Objects;

/**
 * The precount of one bucketed table on both sides.
 *
 * @param settledBefore the cutoff: rows whose bucket column is before it are settled (an absolute instant; a date or
 *                      timestamp column is compared in the session's time zone, the same on both sides)
 */
public record TablePrecount(String table, String bucketColumn, Bucket bucket, Instant settledBefore,
                            SidePrecount source, SidePrecount target) {
    public TablePrecount {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(bucketColumn, "bucketColumn");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(settledBefore, "settledBefore");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Source and target held the same settled rows (count, and checksum when taken) at the precount. The two sides
     * are counted at slightly different moments, so a change in flight then shows as a disagreement: the table is
     * recounted in full, nothing fails on it.
     */
    public boolean settledAgree() {
        return source.settledRows() == target.settledRows()
                && Objects.equals(source.settledChecksum(), target.settledChecksum());
    }
}
