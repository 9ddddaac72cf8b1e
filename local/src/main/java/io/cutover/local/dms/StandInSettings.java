package io.cutover.local.dms;

import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.config.SourceHeartbeat;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the local DMS stand-in runs one task.
 *
 * @param sourceJdbcUrl     the source database; the stand-in reads a logical slot on it and writes its heartbeat
 * @param targetJdbcUrl     the target database; changes and control tables are written there
 * @param user              a superuser login on both (replication, DDL of the control schema)
 * @param schemas           the schemas the task's table mappings include; changes elsewhere are read, not applied
 * @param taskArn           the task's ARN; its last segment is the resource id DMS names the task by
 * @param instanceArn       the replication instance's ARN
 * @param instanceName      the instance's identifier, the metrics' ReplicationInstanceIdentifier dimension
 * @param slotName          the logical replication slot the stand-in creates on the source
 * @param task              the task settings (status table, control schema, transactional or batch apply)
 * @param heartbeat         the source endpoint's heartbeat settings
 * @param heartbeatInterval how often the heartbeat is written; {@code heartbeat.frequencyMinutes()} unless the
 *                          rehearsal compresses time
 * @param applyDelay        how long after a change is read it is applied at the earliest (the instance's own work)
 * @param statusRefresh     how often awsdms_status is rewritten
 * @param metricPeriod      the CloudWatch period DMS publishes at: one minute, unless the rehearsal compresses time
 * @param ingestionDelay    how long after its period ends a datapoint becomes visible to GetMetricData
 */
public record StandInSettings(String sourceJdbcUrl, String targetJdbcUrl, String user, List<String> schemas,
                              String taskArn, String instanceArn, String instanceName, String slotName,
                              DmsTaskSettings task, SourceHeartbeat heartbeat, Duration heartbeatInterval,
                              Duration applyDelay, Duration statusRefresh, Duration metricPeriod,
                              Duration ingestionDelay) {
    public static final String TASK_ARN = "arn:aws:dms:eu-west-1:123456789012:task:REHEARSALTASK";
    public static final String INSTANCE_ARN = "arn:aws:dms:eu-west-1:123456789012:rep:REHEARSALINSTANCE";
    public static final String INSTANCE_NAME = "rehearsal-dms";
    public static final String SLOT = "awsdms_standin";
    /** The reverse task (target → source) of the fall-back window, provisioned stopped as the CDK app does. */
    public static final String REVERSE_TASK_ARN = "arn:aws:dms:eu-west-1:123456789012:task:REHEARSALREVERSE";

    public StandInSettings {
        Objects.requireNonNull(sourceJdbcUrl, "sourceJdbcUrl");
        Objects.requireNonNull(targetJdbcUrl, "targetJdbcUrl");
        Objects.requireNonNull(user, "user");
        schemas = List.copyOf(schemas);
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(heartbeat, "heartbeat");
        for (Duration d : List.of(heartbeatInterval, applyDelay, statusRefresh, metricPeriod, ingestionDelay)) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("stand-in durations must be zero or more, got " + d);
            }
        }
        if (metricPeriod.isZero() || statusRefresh.isZero() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("the metric period, status refresh and heartbeat interval must be"
                    + " positive");
        }
        if (task.schemasOverlapControl(schemas)) {
            throw new IllegalArgumentException("the mapped schemas " + schemas + " include the control schema "
                    + task.effectiveControlSchema() + " (" + DmsTaskSettings.CONTROL_SCHEMA_SETTING + ")");
        }
    }

    /** The task as the stack deploys it, at AWS's own timings: one-minute periods, a one-minute ingestion delay. */
    public static StandInSettings of(String sourceJdbcUrl, String targetJdbcUrl, String user, List<String> schemas) {
        SourceHeartbeat heartbeat = SourceHeartbeat.defaults();
        return new StandInSettings(sourceJdbcUrl, targetJdbcUrl, user, schemas, TASK_ARN, INSTANCE_ARN, INSTANCE_NAME,
                SLOT, DmsTaskSettings.defaults(), heartbeat, Duration.ofMinutes(heartbeat.frequencyMinutes()),
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    /**
     * The reverse task: the target as its source endpoint, reading the slot the cutover creates there
     * ({@code slotName}, the endpoint's SlotName), the source as its target endpoint, with the same task settings,
     * mappings and timings.
     */
    public StandInSettings reversed(String reverseTaskArn, String reverseSlot) {
        return new StandInSettings(targetJdbcUrl, sourceJdbcUrl, user, schemas, reverseTaskArn, instanceArn,
                instanceName, reverseSlot, task, heartbeat, heartbeatInterval, applyDelay, statusRefresh, metricPeriod,
                ingestionDelay);
    }

    public StandInSettings withTask(DmsTaskSettings newTask) {
        return new StandInSettings(sourceJdbcUrl, targetJdbcUrl, user, schemas, taskArn, instanceArn, instanceName,
                slotName, newTask, heartbeat, heartbeatInterval, applyDelay, statusRefresh, metricPeriod,
                ingestionDelay);
    }

    public StandInSettings withHeartbeat(SourceHeartbeat newHeartbeat) {
        return new StandInSettings(sourceJdbcUrl, targetJdbcUrl, user, schemas, taskArn, instanceArn, instanceName,
                slotName, task, newHeartbeat, heartbeatInterval, applyDelay, statusRefresh, metricPeriod,
                ingestionDelay);
    }

    public StandInSettings withApplyDelay(Duration delay) {
        return new StandInSettings(sourceJdbcUrl, targetJdbcUrl, user, schemas, taskArn, instanceArn, instanceName,
                slotName, task, heartbeat, heartbeatInterval, delay, statusRefresh, metricPeriod, ingestionDelay);
    }

    /**
     * Every timing of DMS and CloudWatch divided by {@code speed}, as the rehearsal divides every other duration:
     * a one-minute period becomes {@code 60 / speed} seconds.
     */
    public StandInSettings compressedBy(double speed, Duration newStatusRefresh) {
        return new StandInSettings(sourceJdbcUrl, targetJdbcUrl, user, schemas, taskArn, instanceArn, instanceName,
                slotName, task, heartbeat, divide(heartbeatInterval, speed), applyDelay, newStatusRefresh,
                divide(metricPeriod, speed), divide(ingestionDelay, speed));
    }

    public StandInSettings withTimings(Duration newHeartbeat, Duration newStatusRefresh, Duration newPeriod,
                                       Duration newIngestionDelay) {
        return new StandInSettings(sourceJdbcUrl, targetJdbcUrl, user, schemas, taskArn, instanceArn, instanceName,
                slotName, task, heartbeat, newHeartbeat, applyDelay, newStatusRefresh, newPeriod, newIngestionDelay);
    }

    private static Duration divide(Duration d, double speed) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() / speed)));
    }
}
