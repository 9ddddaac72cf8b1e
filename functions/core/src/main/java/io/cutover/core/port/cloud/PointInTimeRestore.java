package io.cutover.core.port.cloud;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Restore a cluster to a point in time into a NEW cluster (RDS never restores in place), plus one writer
 * instance in it, because RestoreDBClusterToPointInTime creates a cluster without instances.
 *
 * @param restoreTime      empty for the latest restorable time
 * @param writerInstanceId the instance to create in the new cluster
 */
public record PointInTimeRestore(String sourceClusterId, String newClusterId, Optional<Instant> restoreTime,
                                 String writerInstanceId) {
    public PointInTimeRestore {
        RecordTarget.requireText(sourceClusterId, "sourceClusterId");
        RecordTarget.requireText(newClusterId, "newClusterId");
        RecordTarget.requireText(writerInstanceId, "writerInstanceId");
        Objects.requireNonNull(restoreTime, "restoreTime");
        if (sourceClusterId.equals(newClusterId)) {
            throw new IllegalArgumentException("point-in-time restore needs a new cluster id, got the source id "
                    + sourceClusterId);
        }
    }

    /** Restores to the latest restorable time, with the writer named {@code <newClusterId>-writer}. */
    public static PointInTimeRestore latest(String sourceClusterId, String newClusterId) {
        return new PointInTimeRestore(sourceClusterId, newClusterId, Optional.empty(), newClusterId + "-writer");
    }

    public static PointInTimeRestore at(String sourceClusterId, String newClusterId, Instant restoreTime) {
        return new PointInTimeRestore(sourceClusterId, newClusterId, Optional.of(restoreTime),
                newClusterId + "-writer");
    }
}
