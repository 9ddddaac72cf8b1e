package io.cutover.aws;

import io.cutover.core.port.cloud.AwsResourceMissingException;
import io.cutover.core.port.cloud.BacktrackResult;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.core.port.cloud.ClusterRecovery;
import io.cutover.core.port.cloud.InstanceFacts;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.PointInTimeRestoreResult;
import io.cutover.core.port.cloud.RecoveryRefusedException;
import io.cutover.core.port.cloud.RestoredWriter;
import io.cutover.core.port.cloud.SnapshotResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.BacktrackDbClusterResponse;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;

/**
 * Aurora recovery through the RDS API. The engine decides what exists: Backtrack rewinds an Aurora MySQL cluster
 * in place; Aurora PostgreSQL has only point-in-time restore, always into a new cluster. The core chooses the
 * strategy first; this adapter checks again and refuses before sending a request that cannot work. The restore's
 * steps are {@link RdsPointInTimeRestores}'.
 */
public final class RdsClusterRecovery implements ClusterRecovery {
    private final Supplier<RdsClient> rds;
    private final RdsPointInTimeRestores restores;

    public RdsClusterRecovery(Supplier<RdsClient> rds) {
        this.rds = Objects.requireNonNull(rds, "rds");
        this.restores = new RdsPointInTimeRestores(rds, this::cluster);
    }

    @Override
    public ClusterFacts describe(String clusterId) {
        return facts(cluster(clusterId));
    }

    @Override
    public BacktrackResult backtrack(String clusterId, Instant backtrackTo) {
        Objects.requireNonNull(backtrackTo, "backtrackTo");
        ClusterFacts facts = describe(clusterId);
        if (!ClusterFacts.AURORA_MYSQL.equals(facts.engine())) {
            throw new RecoveryRefusedException(clusterId, facts.engine(), "Backtrack exists only for Aurora MySQL; "
                    + "cluster " + clusterId + " runs " + facts.engine() + ". Roll back with a point-in-time restore "
                    + "into a new cluster instead (rollback strategy \"pitr\"). No Backtrack request was sent.");
        }
        if (!facts.backtrackEnabled()) {
            throw new RecoveryRefusedException(clusterId, facts.engine(), "Backtrack is not enabled on cluster "
                    + clusterId + " (BacktrackWindow 0) and can only be enabled when a cluster is created or restored;"
                    + " use a point-in-time restore (rollback strategy \"pitr\"). No Backtrack request was sent.");
        }
        if (facts.earliestBacktrackTime() != null && backtrackTo.isBefore(facts.earliestBacktrackTime())) {
            throw new RecoveryRefusedException(clusterId, facts.engine(), "cannot backtrack cluster " + clusterId
                    + " to " + backtrackTo + ": its earliest backtrack time is " + facts.earliestBacktrackTime()
                    + ". No Backtrack request was sent.");
        }
        BacktrackDbClusterResponse response = rds.get().backtrackDBCluster(r -> r.dbClusterIdentifier(clusterId)
                .backtrackTo(backtrackTo));
        return new BacktrackResult(clusterId, response.backtrackTo(), response.backtrackIdentifier(), response.status());
    }

    @Override
    public PointInTimeRestoreResult startPointInTimeRestore(PointInTimeRestore request) {
        return restores.start(request);
    }

    @Override
    public RestoredWriter createRestoredWriter(PointInTimeRestore request) {
        return restores.createWriter(request);
    }

    @Override
    public InstanceFacts describeInstance(String instanceId) {
        return restores.describeInstance(instanceId);
    }

    @Override
    public SnapshotResult snapshotInstance(String dbInstanceId, String snapshotId) {
        try {
            DBSnapshot snapshot = rds.get().createDBSnapshot(r -> r.dbInstanceIdentifier(dbInstanceId)
                    .dbSnapshotIdentifier(snapshotId)).dbSnapshot();
            return new SnapshotResult(dbInstanceId, snapshotId, snapshot.status(), false);
        } catch (DbSnapshotAlreadyExistsException e) {
            DBSnapshot existing = rds.get().describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshotId)).dbSnapshots()
                    .getFirst();
            if (!dbInstanceId.equals(existing.dbInstanceIdentifier())) {
                throw new IllegalStateException("snapshot " + snapshotId + " already exists but is of instance "
                        + existing.dbInstanceIdentifier() + ", not " + dbInstanceId + "; choose another snapshot id", e);
            }
            return new SnapshotResult(dbInstanceId, snapshotId, existing.status(), true);
        } catch (DbInstanceNotFoundException e) {
            throw new AwsResourceMissingException("cannot snapshot instance " + dbInstanceId + ": RDS has no such instance"
                    + " (is the source an RDS instance in this account and region?)", e);
        }
    }

    DBCluster cluster(String clusterId) {
        Objects.requireNonNull(clusterId, "clusterId");
        try {
            List<DBCluster> clusters = rds.get().describeDBClusters(r -> r.dbClusterIdentifier(clusterId)).dbClusters();
            if (clusters.isEmpty()) {
                throw new AwsResourceMissingException("RDS has no cluster " + clusterId);
            }
            return clusters.getFirst();
        } catch (DbClusterNotFoundException e) {
            throw new AwsResourceMissingException("RDS has no cluster " + clusterId + " in this account and region", e);
        }
    }

    private static ClusterFacts facts(DBCluster cluster) {
        String writer = cluster.hasDbClusterMembers() ? cluster.dbClusterMembers().stream()
                .filter(m -> Boolean.TRUE.equals(m.isClusterWriter())).map(DBClusterMember::dbInstanceIdentifier)
                .findFirst().orElse(null) : null;
        return new ClusterFacts(cluster.dbClusterIdentifier(), cluster.engine(), cluster.status(),
                cluster.backtrackWindow() == null ? 0 : cluster.backtrackWindow(), cluster.earliestBacktrackTime(),
                cluster.latestRestorableTime(), writer);
    }
}
