package io.cutover.core.port.cloud;

import java.time.Instant;

/**
 * The RDS actions behind a rollback and the pre-switch safety snapshot. A point-in-time restore is three steps
 * because RDS makes it so: RestoreDBClusterToPointInTime creates a cluster without instances, and CreateDBInstance
 * works only once that cluster is {@code available} (RDS API Reference, RestoreDBClusterToPointInTime: "You can
 * create DB instances only after the RestoreDBClusterToPointInTime operation has completed and the DB cluster is
 * available"), which takes from minutes to hours. The workflow waits between the steps, never one call.
 */
public interface ClusterRecovery {

    /** @throws AwsResourceMissingException when RDS has no such cluster */
    ClusterFacts describe(String clusterId);

    /**
     * Rewinds an Aurora MySQL cluster in place.
     *
     * @throws RecoveryRefusedException on any other engine (Aurora PostgreSQL has no Backtrack: use a
     *                                  point-in-time restore) or when Backtrack is not enabled on the cluster
     */
    BacktrackResult backtrack(String clusterId, Instant backtrackTo);

    /**
     * Starts restoring the source into a new cluster with the source's settings, and returns at once. A repeated
     * start finds the new cluster and requests nothing again.
     */
    PointInTimeRestoreResult startPointInTimeRestore(PointInTimeRestore request);

    /**
     * Adds the writer instance (of the source writer's class, not publicly accessible) to the restored cluster. A
     * repeated call finds the instance and creates nothing.
     *
     * @throws RestoreNotReadyException when the restored cluster is not {@code available} yet
     */
    RestoredWriter createRestoredWriter(PointInTimeRestore request);

    /** @throws AwsResourceMissingException when RDS has no such instance */
    InstanceFacts describeInstance(String instanceId);

    /** Snapshots an RDS (non-Aurora) instance, typically the source database before the switch. */
    SnapshotResult snapshotInstance(String dbInstanceId, String snapshotId);
}
