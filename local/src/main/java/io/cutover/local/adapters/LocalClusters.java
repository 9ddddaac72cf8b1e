package io.cutover.local.adapters;

import io.cutover.core.config.RollbackMessages;
import io.cutover.core.port.cloud.AwsResourceMissingException;
import io.cutover.core.port.cloud.BacktrackResult;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.core.port.cloud.ClusterRecovery;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.InstanceFacts;
import io.cutover.core.port.cloud.PointInTimeRestoreResult;
import io.cutover.core.port.cloud.RecoveryRefusedException;
import io.cutover.core.port.cloud.RestoreNotReadyException;
import io.cutover.core.port.cloud.RestoredWriter;
import io.cutover.core.port.cloud.SnapshotResult;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The target cluster as RDS would describe it; recoveries are recorded, not performed. A point-in-time restore
 * behaves as in RDS: the new cluster is {@code creating} for a few looks, an instance is refused until it is
 * {@code available}, then the writer is {@code creating} for a few looks.
 */
public final class LocalClusters implements ClusterRecovery {
    private final EffectLog effects;
    private final Clock clock;
    private final String engine;
    private static final String WRITER_CLASS = "db.r6g.large";
    private final Map<String, Restore> restores = new HashMap<>();
    private final Map<String, String> writers = new HashMap<>();
    private String status = "available";
    private int clusterDescribes = 2;
    private int writerDescribes = 1;

    public LocalClusters(EffectLog effects, Clock clock, String engine) {
        this.effects = effects;
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * How many looks a restored cluster, then its writer, stay {@code creating} (2 and 1 unless set): an instance
     * asked for before the cluster is available is refused, as RDS refuses it.
     */
    public synchronized LocalClusters restoreTakes(int clusterLooks, int writerLooks) {
        this.clusterDescribes = clusterLooks;
        this.writerDescribes = writerLooks;
        return this;
    }

    public synchronized LocalClusters status(String newStatus) {
        this.status = newStatus;
        return this;
    }

    @Override
    public synchronized ClusterFacts describe(String clusterId) {
        Restore restore = restores.get(clusterId);
        if (restore != null) {
            String restoreStatus = restore.clusterStatus();
            restores.put(clusterId, new Restore(Math.max(0, restore.clusterDescribesLeft() - 1),
                    restore.writerDescribesLeft()));
            return new ClusterFacts(clusterId, engine, restoreStatus, 0, null, null,
                    restore.writerDescribesLeft() >= 0 ? clusterId + "-writer" : null);
        }
        boolean mysql = ClusterFacts.AURORA_MYSQL.equals(engine);
        Instant now = clock.instant();
        return new ClusterFacts(clusterId, engine, status, mysql ? 259_200 : 0, mysql ? now.minusSeconds(259_200) : null,
                now.minusSeconds(300), clusterId + "-instance-1");
    }

    @Override
    public synchronized BacktrackResult backtrack(String clusterId, Instant backtrackTo) {
        if (!ClusterFacts.AURORA_MYSQL.equals(engine)) {
            throw new RecoveryRefusedException(clusterId, engine, RollbackMessages.BACKTRACK_ON_POSTGRESQL);
        }
        effects.record("rds:BacktrackDBCluster", clusterId, Map.of("backtrackTo", backtrackTo.toString()));
        return new BacktrackResult(clusterId, backtrackTo, "local-backtrack", "backtracking");
    }

    @Override
    public synchronized PointInTimeRestoreResult startPointInTimeRestore(PointInTimeRestore request) {
        String to = request.restoreTime().map(Instant::toString).orElse("latest");
        Restore existing = restores.get(request.newClusterId());
        if (existing != null) {
            return new PointInTimeRestoreResult(request.sourceClusterId(), request.newClusterId(), to,
                    existing.clusterStatus(), true);
        }
        effects.record("rds:RestoreDBClusterToPointInTime", request.newClusterId(),
                Map.of("source", request.sourceClusterId(), "restoreTime", to));
        restores.put(request.newClusterId(), new Restore(clusterDescribes, -1));
        return new PointInTimeRestoreResult(request.sourceClusterId(), request.newClusterId(), to, "creating", false);
    }

    @Override
    public synchronized RestoredWriter createRestoredWriter(PointInTimeRestore request) {
        Restore restore = restores.get(request.newClusterId());
        if (restore == null) {
            throw new AwsResourceMissingException("DBClusterNotFoundFault: no cluster " + request.newClusterId());
        }
        if (restore.writerDescribesLeft() >= 0) {
            return new RestoredWriter(request.newClusterId(), request.writerInstanceId(), WRITER_CLASS,
                    restore.writerStatus(), true);
        }
        if (!"available".equals(restore.clusterStatus())) {
            // As RDS answers CreateDBInstance in a cluster that is not available yet.
            throw new RestoreNotReadyException("InvalidDBClusterStateFault: restored cluster " + request.newClusterId()
                    + " is " + restore.clusterStatus() + ", not available; no instance was created");
        }
        effects.record("rds:CreateDBInstance", request.writerInstanceId(), Map.of("cluster", request.newClusterId(),
                "publiclyAccessible", "false"));
        writers.put(request.writerInstanceId(), request.newClusterId());
        restores.put(request.newClusterId(), new Restore(0, writerDescribes));
        return new RestoredWriter(request.newClusterId(), request.writerInstanceId(), WRITER_CLASS, "creating", false);
    }

    @Override
    public synchronized InstanceFacts describeInstance(String instanceId) {
        String cluster = writers.get(instanceId);
        if (cluster == null) {
            throw new AwsResourceMissingException("DBInstanceNotFound: no instance " + instanceId);
        }
        Restore restore = restores.get(cluster);
        String status = restore.writerStatus();
        restores.put(cluster, new Restore(0, Math.max(0, restore.writerDescribesLeft() - 1)));
        return new InstanceFacts(instanceId, cluster, status, false);
    }

    /**
     * A restore under way: RDS reports the new cluster {@code creating} for a while, then {@code available}; its
     * writer likewise once added. Counted in describes, so a test or the rehearsal decides how long "a while" is.
     *
     * @param clusterDescribesLeft describes that still see the cluster creating
     * @param writerDescribesLeft  describes that still see the writer creating; -1 before it was added
     */
    private record Restore(int clusterDescribesLeft, int writerDescribesLeft) {
        String clusterStatus() {
            return clusterDescribesLeft > 0 ? "creating" : "available";
        }

        String writerStatus() {
            return writerDescribesLeft > 0 ? "creating" : "available";
        }
    }

    @Override
    public synchronized SnapshotResult snapshotInstance(String dbInstanceId, String snapshotId) {
        effects.record("rds:CreateDBSnapshot", dbInstanceId, Map.of("snapshotId", snapshotId));
        return new SnapshotResult(dbInstanceId, snapshotId, "creating", false);
    }
}
