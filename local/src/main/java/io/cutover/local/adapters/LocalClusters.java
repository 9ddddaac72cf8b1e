package io.cutover.local.adapters;

import io.cutover.core.config.RollbackMessages;
import io.cutover.core.port.cloud.BacktrackResult;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.core.port.cloud.ClusterRecovery;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.PointInTimeRestoreResult;
import io.cutover.core.port.cloud.RecoveryRefusedException;
import io.cutover.core.port.cloud.SnapshotResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** The target cluster as RDS would describe it; recoveries are recorded, not performed. */
public final class LocalClusters implements ClusterRecovery {
    private final EffectLog effects;
    private final Clock clock;
    private final String engine;
    private String status = "available";

    public LocalClusters(EffectLog effects, Clock clock, String engine) {
        this.effects = effects;
        this.clock = clock;
        this.engine = engine;
    }

    public synchronized LocalClusters status(String newStatus) {
        this.status = newStatus;
        return this;
    }

    @Override
    public synchronized ClusterFacts describe(String clusterId) {
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
    public synchronized PointInTimeRestoreResult restoreToPointInTime(PointInTimeRestore request) {
        String to = request.restoreTime().map(Instant::toString).orElse("latest");
        effects.record("rds:RestoreDBClusterToPointInTime", request.newClusterId(),
                Map.of("source", request.sourceClusterId(), "restoreTime", to));
        effects.record("rds:CreateDBInstance", request.writerInstanceId(), Map.of("cluster", request.newClusterId()));
        return new PointInTimeRestoreResult(request.sourceClusterId(), request.newClusterId(), to, "creating",
                request.writerInstanceId(), "db.r6g.large", false, false);
    }

    @Override
    public synchronized SnapshotResult snapshotInstance(String dbInstanceId, String snapshotId) {
        effects.record("rds:CreateDBSnapshot", dbInstanceId, Map.of("snapshotId", snapshotId));
        return new SnapshotResult(dbInstanceId, snapshotId, "creating", false);
    }
}
