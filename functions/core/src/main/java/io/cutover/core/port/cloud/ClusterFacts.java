package io.cutover.core.port.cloud;

import java.time.Instant;
import java.util.Objects;

/**
 * What DescribeDBClusters says about an Aurora cluster, as far as recovery needs it.
 *
 * @param engine                  {@code aurora-postgresql} or {@code aurora-mysql} (as RDS spells it)
 * @param status                  e.g. {@code available}, {@code backtracking}
 * @param backtrackWindowSeconds  0 when Backtrack is not enabled (always 0 on Aurora PostgreSQL)
 * @param earliestBacktrackTime   null unless Backtrack is enabled
 * @param latestRestorableTime    the newest point-in-time restore target; null while RDS does not know it yet
 * @param writerInstanceId        the instance whose {@code IsClusterWriter} is true; null when there is none
 */
public record ClusterFacts(String clusterId, String engine, String status, long backtrackWindowSeconds,
                           Instant earliestBacktrackTime, Instant latestRestorableTime, String writerInstanceId) {
    public static final String AURORA_POSTGRESQL = "aurora-postgresql";
    public static final String AURORA_MYSQL = "aurora-mysql";

    public ClusterFacts {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(engine, "engine");
    }

    public boolean backtrackEnabled() {
        return AURORA_MYSQL.equals(engine) && backtrackWindowSeconds > 0;
    }
}
