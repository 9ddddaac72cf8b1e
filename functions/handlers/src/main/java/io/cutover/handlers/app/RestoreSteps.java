package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.core.port.cloud.InstanceFacts;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.PointInTimeRestoreResult;
import io.cutover.core.port.cloud.RestoredWriter;
import io.cutover.core.rollback.RestoreProgress;
import java.time.Instant;

/**
 * A point-in-time restore of the target, one step per workflow task: start it, look at the restored cluster,
 * add its writer once the cluster is available, look at the writer. The workflow waits between the looks (Wait
 * states, {@code rollback.restorePollSeconds}) until {@code rollback.restoreTimeoutSeconds} after the start; RDS
 * takes minutes to hours, far beyond one Lambda invocation (docs/recovery.md).
 */
public final class RestoreSteps {
    /** What a look is at. */
    public enum Resource { CLUSTER, WRITER }

    private final CloudPorts ports;

    public RestoreSteps(CloudPorts ports) {
        this.ports = ports;
    }

    /** The restore's identifiers: the target, the new cluster, its writer ({@code <new cluster>-writer}). */
    public static PointInTimeRestore restoreOf(CutoverConfig config, String restoredClusterId, Instant point) {
        String target = config.target().clusterIdentifier();
        return point == null ? PointInTimeRestore.latest(target, restoredClusterId)
                : PointInTimeRestore.at(target, restoredClusterId, point);
    }

    /** Requests the restore (once: a repeated start finds it) and says until when the workflow waits for it. */
    public ObjectNode start(CutoverConfig config, String restoredClusterId, Instant point) {
        PointInTimeRestore request = restoreOf(config, restoredClusterId, point);
        PointInTimeRestoreResult restore = ports.clusters().startPointInTimeRestore(request);
        Instant deadline = ports.clock().instant().plusSeconds(config.rollback().restoreTimeoutSeconds());
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("recovery", "pitr");
        result.put("restoring", true);
        result.put("detail", "point-in-time restore of " + request.sourceClusterId() + " into new cluster "
                + request.newClusterId() + " at " + (point == null ? "the latest restorable time" : point) + ": "
                + (restore.clusterAlreadyExisted() ? "already requested" : "requested") + ", cluster "
                + restore.clusterStatus() + "; its writer " + request.writerInstanceId()
                + " is added once the cluster is available");
        result.put("cluster", request.newClusterId());
        result.put("writer", request.writerInstanceId());
        result.put("deadline", deadline.toString());
        result.put("pollSeconds", config.rollback().restorePollSeconds());
        return result;
    }

    /** One look at the restored cluster or its writer; a status that cannot end well throws. */
    public RestoreProgress check(CutoverConfig config, Resource resource, Instant deadline) {
        PointInTimeRestore ids = restoreOf(config, config.rollback().restoredClusterIdentifier(), null);
        Instant now = ports.clock().instant();
        RestoreProgress progress = switch (resource) {
            case CLUSTER -> {
                ClusterFacts cluster = ports.clusters().describe(ids.newClusterId());
                yield RestoreProgress.of("restored cluster " + ids.newClusterId(), cluster.status(), now, deadline);
            }
            case WRITER -> {
                InstanceFacts writer = ports.clusters().describeInstance(ids.writerInstanceId());
                yield RestoreProgress.of("writer " + ids.writerInstanceId() + " of restored cluster "
                        + ids.newClusterId(), writer.status(), now, deadline);
            }
        };
        return progress.requireNotFailed();
    }

    /** Adds the writer; {@link io.cutover.core.port.cloud.RestoreNotReadyException} while the cluster is not ready. */
    public RestoredWriter createWriter(CutoverConfig config) {
        return ports.clusters().createRestoredWriter(restoreOf(config, config.rollback().restoredClusterIdentifier(),
                null));
    }
}
