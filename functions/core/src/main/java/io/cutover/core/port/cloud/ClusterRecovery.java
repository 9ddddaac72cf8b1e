package io.cutover.core.port.cloud;

import java.time.Instant;

/** The RDS actions behind a rollback and the pre-switch safety snapshot. */
public interface ClusterRecovery {

    ClusterFacts describe(String clusterId);

    /**
     * Rewinds an Aurora MySQL cluster in place.
     *
     * @throws RecoveryRefusedException on any other engine (Aurora PostgreSQL has no Backtrack: use a
     *                                  point-in-time restore) or when Backtrack is not enabled on the cluster
     */
    BacktrackResult backtrack(String clusterId, Instant backtrackTo);

    /** Restores into a new cluster and adds one writer instance of the source writer's class. */
    PointInTimeRestoreResult restoreToPointInTime(PointInTimeRestore request);

    /** Snapshots an RDS (non-Aurora) instance, typically the source database before the switch. */
    SnapshotResult snapshotInstance(String dbInstanceId, String snapshotId);
}
