package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.time.Deadline;
import io.cutover.handlers.errors.ReverseReplicationRefusedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DMS API half of the fall-back window over DMS (issue 18); the database half (the reverse slot on the target,
 * the reverse drain, the slot's removal) is {@link DatabaseSide}'s.
 *
 * <p>At the switch, after the drain: every forward task is stopped and waited out until DMS reports it
 * {@code stopped}, so no forward-applied change (the drain's marker included) reaches the target after the position
 * the reverse task starts from; then the reverse slot is created on the target, and the reverse task, provisioned
 * stopped by the CDK app (CDC only, target as source endpoint), is started with StartReplicationTask
 * {@code start-replication} at {@code CdcStartPosition} = the slot's start (DMS API Reference, StartReplicationTask:
 * "For a cdc only task, to start from a specific position, you must use start-replication and also specify the
 * start position"; StopReplicationTask; the task states of DescribeReplicationTasks). The writer moves only after.
 */
public final class DmsReverseReplication {
    /** DMS's task states in which nothing is read or applied any more. */
    private static final Set<String> AT_REST = Set.of(ReplicationTaskControl.STOPPED, "failed", "ready");
    private static final Duration POLL = Duration.ofMillis(200);

    private final ReplicationTaskControl tasks;

    public DmsReverseReplication(ReplicationTaskControl tasks) {
        this.tasks = tasks;
    }

    /** Stops every forward task and waits until each is at rest; the status of each. */
    public Map<String, String> stopForward(CutoverConfig config) {
        return stopAndAwait(config.replication().dmsTaskArns(), "forward", stopTimeout(config));
    }

    /**
     * The reverse task started from the slot's start; a task already starting or running (a repeated call) is left
     * as it is. @return the task's status after the request
     */
    public String startReverse(CutoverConfig config, String cdcStartPosition) {
        return tasks.startCdc(config.replication().reverseDmsTaskArn(), cdcStartPosition);
    }

    /** Stops the reverse task and waits until it is at rest (its slot can be dropped then); its status. */
    public Map<String, String> stopReverse(CutoverConfig config) {
        return stopAndAwait(List.of(config.replication().reverseDmsTaskArn()), "reverse", stopTimeout(config));
    }

    /**
     * A rollback after the writer moved found the reverse task stopped or failed: waited out until at rest (a task
     * still {@code stopping} cannot be started), then StartReplicationTask {@code resume-processing}, which
     * "replicate[s] the changes from the last stop position" and "is only available for previously executed tasks"
     * (DMS API Reference, StartReplicationTask): what it read and had not applied is read again from its slot on the
     * target, whose confirmed position only moves past applied changes. The reverse drain then waits for it.
     *
     * @return the task's status after the request
     */
    public Map<String, String> resumeReverse(CutoverConfig config) {
        String arn = config.replication().reverseDmsTaskArn();
        awaitAtRest(arn, "reverse", stopTimeout(config));
        Map<String, String> resumed = new LinkedHashMap<>();
        resumed.put(arn, tasks.resume(arn));
        return resumed;
    }

    /** A rollback before the writer moved: the forward tasks go on from where they stopped. */
    public Map<String, String> resumeForward(CutoverConfig config) {
        Map<String, String> resumed = new LinkedHashMap<>();
        for (String arn : config.replication().dmsTaskArns()) {
            resumed.put(arn, tasks.resume(arn));
        }
        return resumed;
    }

    /** What a report shows of a set of tasks: ARN to status. */
    public static ObjectNode describe(Map<String, String> statuses) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        statuses.forEach(node::put);
        return node;
    }

    /**
     * How long a stop may take: the drain's own bound, as the forward stop runs with the source fenced and writes
     * down, exactly as the drain does (a task slow to stop is a drain that has not ended).
     */
    private static Duration stopTimeout(CutoverConfig config) {
        return Duration.ofSeconds(config.drainTimeoutSeconds());
    }

    private Map<String, String> stopAndAwait(List<String> arns, String direction, Duration timeout) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String arn : arns) {
            String status = tasks.status(arn);
            if (!AT_REST.contains(status) && !DmsPoll.MISSING.equals(status)) {
                tasks.stop(arn);
            }
        }
        Deadline deadline = Deadline.in(timeout);
        for (String arn : arns) {
            statuses.put(arn, awaitAtRest(arn, direction, timeout, deadline));
        }
        return statuses;
    }

    private String awaitAtRest(String arn, String direction, Duration timeout) {
        return awaitAtRest(arn, direction, timeout, Deadline.in(timeout));
    }

    private String awaitAtRest(String arn, String direction, Duration timeout, Deadline deadline) {
        String status = tasks.status(arn);
        while (!AT_REST.contains(status)) {
            if (DmsPoll.MISSING.equals(status)) {
                throw new ReverseReplicationRefusedException("the " + direction + " DMS task " + arn
                        + " does not exist", null);
            }
            if (deadline.expired()) {
                throw new ReverseReplicationRefusedException("the " + direction + " DMS task " + arn + " is still "
                        + status + " " + timeout.toSeconds() + " s after StopReplicationTask (drainTimeoutSeconds):"
                        + " it may still apply changes", null);
            }
            deadline.pause(POLL, e -> new IllegalStateException("interrupted waiting for DMS task " + arn, e));
            status = tasks.status(arn);
        }
        return status;
    }
}
