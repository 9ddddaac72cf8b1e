package io.cutover.aws;

import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.port.cloud.AwsResourceMissingException;
import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.DmsReadinessProbe;
import io.cutover.core.port.cloud.DmsTaskSettingsReader;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.port.cloud.TableStatistics;
import io.cutover.core.port.cloud.UnexpectedAwsAnswerException;
import io.cutover.core.readiness.DmsTaskFacts;
import io.cutover.core.readiness.LagSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.DescribeReplicationInstancesResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeReplicationTasksResponse;
import software.amazon.awssdk.services.databasemigration.model.DescribeTableStatisticsResponse;
import software.amazon.awssdk.services.databasemigration.model.Filter;
import software.amazon.awssdk.services.databasemigration.model.InvalidResourceStateException;
import software.amazon.awssdk.services.databasemigration.model.ReplicationInstance;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTask;
import software.amazon.awssdk.services.databasemigration.model.ResourceNotFoundException;
import software.amazon.awssdk.services.databasemigration.model.StartReplicationTaskTypeValue;

/**
 * DMS task state from DescribeReplicationTasks and CDC latency from CloudWatch GetMetricData, each fetched for
 * all tasks at once: a poll costs one call of each however many tasks there are (more only when DMS or
 * CloudWatch paginate, or past {@value #MAX_QUERIES_PER_CALL} metric queries = 166 tasks).
 *
 * <p>The metric dimensions are not what their names suggest. DMS publishes task metrics with
 * {@code ReplicationTaskIdentifier} = the resource id at the end of the task ARN (not the task's own
 * {@code ReplicationTaskIdentifier} name) and {@code ReplicationInstanceIdentifier} = the instance's name,
 * which its ARN does not contain. That name is looked up once per instance ARN with
 * DescribeReplicationInstances and cached for the life of this object, so only the first poll (and the poll
 * after an instance's metrics came back empty) pays a third call.
 */
public final class DmsCloudWatchProbe implements DmsReadinessProbe, ReplicationTaskControl, DmsTaskSettingsReader {
    static final String NAMESPACE = "AWS/DMS";
    static final String LATENCY_SOURCE = "CDCLatencySource";
    static final String LATENCY_TARGET = "CDCLatencyTarget";
    static final String INCOMING_CHANGES = "CDCIncomingChanges";
    static final int MAX_QUERIES_PER_CALL = 500;
    private static final int TASK_PAGE_SIZE = 100;
    private static final int TABLE_PAGE_SIZE = 500;
    // The worst value of each period: a readiness gate must not average a spike away.
    private static final String STATISTIC = "Maximum";
    private static final Set<String> NOT_RUNNING = Set.of("stopped", "stopping", "failed", "ready");
    /** A start that finds the task already on its way is an earlier call's, repeated (idempotent). */
    private static final Set<String> STARTED = Set.of("starting", "running");

    private final Supplier<DatabaseMigrationClient> dms;
    private final Supplier<CloudWatchClient> cloudWatch;
    private final Clock clock;
    private final Duration period;
    private final Map<String, String> instanceNames = new ConcurrentHashMap<>();

    public DmsCloudWatchProbe(Supplier<DatabaseMigrationClient> dms, Supplier<CloudWatchClient> cloudWatch) {
        this(dms, cloudWatch, Clock.systemUTC(), Duration.ofMinutes(1));
    }

    /** @param period the metric period; DMS publishes task metrics every minute */
    public DmsCloudWatchProbe(Supplier<DatabaseMigrationClient> dms, Supplier<CloudWatchClient> cloudWatch, Clock clock,
                              Duration period) {
        this.dms = Objects.requireNonNull(dms, "dms");
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.period = Objects.requireNonNull(period, "period");
        if (period.toSeconds() < 1 || period.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("metric period must be a multiple of 60 s, was " + period);
        }
    }

    @Override
    public DmsPoll poll(List<String> taskArns, Duration window) {
        List<String> arns = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(taskArns, "taskArns")));
        if (arns.isEmpty()) {
            throw new IllegalArgumentException("no DMS task ARNs to poll");
        }
        if (window.compareTo(period) < 0) {
            throw new IllegalArgumentException("window " + window + " is shorter than the metric period " + period);
        }
        Instant now = clock.instant();
        Map<String, ReplicationTask> found = describeTasks(arns);
        resolveInstanceNames(found.values());

        List<TaskMetrics> metrics = new ArrayList<>();
        for (String arn : arns) {
            ReplicationTask task = found.get(arn);
            String instanceName = task == null ? null : instanceNames.get(task.replicationInstanceArn());
            if (instanceName != null) {
                metrics.add(new TaskMetrics(metrics.size(), arn, task.replicationInstanceArn(), instanceName));
            }
        }
        // A datapoint is labelled with its period's start: one that ended within the window started a period earlier.
        Map<String, TreeMap<Instant, Double>> series = fetchMetrics(metrics, now.minus(window).minus(period), now);

        List<DmsTaskFacts> facts = new ArrayList<>(arns.size());
        List<LagSample> samples = new ArrayList<>();
        Map<String, TaskMetrics> metricsByArn = new LinkedHashMap<>();
        metrics.forEach(m -> metricsByArn.put(m.taskArn(), m));
        for (String arn : arns) {
            ReplicationTask task = found.get(arn);
            if (task == null) {
                facts.add(DmsTaskFacts.polled(arn, DmsPoll.MISSING, 0, null));
                continue;
            }
            TaskMetrics m = metricsByArn.get(arn);
            TreeMap<Instant, Double> source = m == null ? new TreeMap<>() : series.getOrDefault(m.id(LATENCY_SOURCE), new TreeMap<>());
            TreeMap<Instant, Double> target = m == null ? new TreeMap<>() : series.getOrDefault(m.id(LATENCY_TARGET), new TreeMap<>());
            TreeMap<Instant, Double> incoming = m == null ? new TreeMap<>() : series.getOrDefault(m.id(INCOMING_CHANGES), new TreeMap<>());
            // CDCLatencyTarget is the gap between the source commit of the first event waiting to commit on the target
            // and now, so it already includes CDCLatencySource (AWS DMS User Guide, "Replication task metrics"): the
            // end-to-end lag is the target figure; adding the two would count the source side twice.
            target.forEach((at, targetSeconds) -> samples.add(new LagSample(arn, at, Math.max(0, targetSeconds), null,
                    period.toSeconds())));
            if (m != null && source.isEmpty() && target.isEmpty() && incoming.isEmpty()) {
                // Possibly a stale instance name (instances can be renamed): look it up again next poll.
                instanceNames.remove(m.instanceArn());
            }
            Long latestIncoming = incoming.isEmpty() ? null : Math.round(incoming.lastEntry().getValue());
            int tablesErrored = task.replicationTaskStats() == null || task.replicationTaskStats().tablesErrored() == null
                    ? 0 : task.replicationTaskStats().tablesErrored();
            facts.add(DmsTaskFacts.polled(arn, task.status(), tablesErrored, latestIncoming));
        }
        samples.sort(Comparator.comparing(LagSample::sourceId).thenComparing(LagSample::at));
        return new DmsPoll(facts, samples, now);
    }

    /**
     * The settings each task runs with: DescribeReplicationTasks returns them in each task's
     * {@code ReplicationTaskSettings}, a JSON string, unless {@code WithoutSettings} is true ("An option to set to
     * avoid returning information about settings", false by default: DMS API Reference, DescribeReplicationTasks,
     * https://docs.aws.amazon.com/dms/latest/APIReference/API_DescribeReplicationTasks.html). So this is the poll's own
     * call with the settings left in, and needs no permission beyond the poll's.
     */
    @Override
    public Map<String, DmsTaskSettings> taskSettings(List<String> taskArns) {
        List<String> arns = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(taskArns, "taskArns")));
        if (arns.isEmpty()) {
            throw new IllegalArgumentException("no DMS task ARNs to read the settings of");
        }
        Map<String, DmsTaskSettings> settings = new LinkedHashMap<>();
        describeTasks(arns, true).forEach((arn, task) -> {
            if (task.replicationTaskSettings() == null || task.replicationTaskSettings().isBlank()) {
                throw new UnexpectedAwsAnswerException("DMS returned task " + arn
                        + " without its ReplicationTaskSettings although they were asked for");
            }
            settings.put(arn, DmsTaskSettings.parse(task.replicationTaskSettings()));
        });
        return settings;
    }

    @Override
    public TableStatistics tableStatistics(String taskArn) {
        Objects.requireNonNull(taskArn, "taskArn");
        List<String> errored = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        long validationFailed = 0;
        long validationSuspended = 0;
        int seen = 0;
        String marker = null;
        do {
            String from = marker;
            DescribeTableStatisticsResponse page;
            try {
                page = dms.get().describeTableStatistics(r -> r.replicationTaskArn(taskArn).maxRecords(TABLE_PAGE_SIZE)
                        .marker(from));
            } catch (ResourceNotFoundException e) {
                throw new AwsResourceMissingException("DMS task " + taskArn + " does not exist: "
                        + e.awsErrorDetails().errorMessage(), e);
            }
            for (var table : page.tableStatistics()) {
                seen++;
                if ("Table error".equalsIgnoreCase(table.tableState())) {
                    errored.add(table.schemaName() + "." + table.tableName());
                }
                validationFailed += orZero(table.validationFailedRecords());
                if (orZero(table.validationFailedRecords()) > 0) {
                    mismatched.add(table.schemaName() + "." + table.tableName());
                }
                validationSuspended += orZero(table.validationSuspendedRecords());
            }
            marker = page.marker();
        } while (marker != null && !marker.isEmpty());
        return new TableStatistics(taskArn, errored, validationFailed, validationSuspended, seen, mismatched);
    }

    @Override
    public String stop(String taskArn) {
        try {
            return dms.get().stopReplicationTask(r -> r.replicationTaskArn(taskArn)).replicationTask().status();
        } catch (InvalidResourceStateException e) {
            ReplicationTask task = describeTasks(List.of(taskArn)).get(taskArn);
            if (task != null && NOT_RUNNING.contains(task.status())) {
                return task.status();
            }
            throw new IllegalStateException("DMS refused to stop task " + taskArn + " in status "
                    + (task == null ? DmsPoll.MISSING : task.status()) + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (ResourceNotFoundException e) {
            throw new AwsResourceMissingException("DMS task " + taskArn + " does not exist, cannot stop it", e);
        }
    }

    @Override
    public String status(String taskArn) {
        ReplicationTask task = describeTasks(List.of(taskArn)).get(taskArn);
        return task == null ? DmsPoll.MISSING : task.status();
    }

    /**
     * StartReplicationTask, {@code start-replication} from {@code CdcStartPosition}: "For a cdc only task, to start
     * from a specific position, you must use start-replication and also specify the start position"; with a
     * PostgreSQL source "a logical replication slot should already be created and associated with the source
     * endpoint" (its {@code SlotName} setting), and DMS "verifies that the specified logical replication slot exists
     * before starting the CDC load task" (DMS API Reference, StartReplicationTask, CdcStartPosition;
     * PostgreSqlSettings.SlotName). Its errors: InvalidResourceStateFault, ResourceNotFoundFault, AccessDeniedFault.
     */
    @Override
    public String startCdc(String taskArn, String cdcStartPosition) {
        Objects.requireNonNull(cdcStartPosition, "cdcStartPosition");
        return start(taskArn, StartReplicationTaskTypeValue.START_REPLICATION, cdcStartPosition);
    }

    /** StartReplicationTask, {@code resume-processing}: "replicate the changes from the last stop position". */
    @Override
    public String resume(String taskArn) {
        return start(taskArn, StartReplicationTaskTypeValue.RESUME_PROCESSING, null);
    }

    private String start(String taskArn, StartReplicationTaskTypeValue type, String cdcStartPosition) {
        try {
            return dms.get().startReplicationTask(r -> r.replicationTaskArn(taskArn).startReplicationTaskType(type)
                    .cdcStartPosition(cdcStartPosition)).replicationTask().status();
        } catch (InvalidResourceStateException e) {
            String status = status(taskArn);
            if (STARTED.contains(status)) {
                return status;
            }
            throw new IllegalStateException("DMS refused to start task " + taskArn + " (" + type + ") in status "
                    + status + ": " + e.awsErrorDetails().errorMessage(), e);
        } catch (ResourceNotFoundException e) {
            throw new AwsResourceMissingException("DMS task " + taskArn + " does not exist, cannot start it", e);
        }
    }

    private Map<String, ReplicationTask> describeTasks(List<String> arns) {
        return describeTasks(arns, false);
    }

    /** @param withSettings keep ReplicationTaskSettings in the answer (a large JSON string per task) */
    private Map<String, ReplicationTask> describeTasks(List<String> arns, boolean withSettings) {
        Map<String, ReplicationTask> found = new LinkedHashMap<>();
        Filter byArn = Filter.builder().name("replication-task-arn").values(arns).build();
        String marker = null;
        do {
            String from = marker;
            DescribeReplicationTasksResponse page;
            try {
                page = dms.get().describeReplicationTasks(r -> r.filters(byArn).maxRecords(TASK_PAGE_SIZE)
                        .withoutSettings(!withSettings).marker(from));
            } catch (ResourceNotFoundException e) {
                // DMS answers a filter that matches nothing with ResourceNotFoundFault, not an empty list.
                return found;
            }
            page.replicationTasks().forEach(t -> found.put(t.replicationTaskArn(), t));
            marker = page.marker();
        } while (marker != null && !marker.isEmpty());
        return found;
    }

    private void resolveInstanceNames(Iterable<ReplicationTask> tasks) {
        Set<String> unknown = new LinkedHashSet<>();
        tasks.forEach(t -> {
            if (t.replicationInstanceArn() != null && !instanceNames.containsKey(t.replicationInstanceArn())) {
                unknown.add(t.replicationInstanceArn());
            }
        });
        if (unknown.isEmpty()) {
            return;
        }
        Filter byArn = Filter.builder().name("replication-instance-arn").values(unknown).build();
        String marker = null;
        do {
            String from = marker;
            DescribeReplicationInstancesResponse page;
            try {
                page = dms.get().describeReplicationInstances(r -> r.filters(byArn).maxRecords(TASK_PAGE_SIZE)
                        .marker(from));
            } catch (ResourceNotFoundException e) {
                return;
            }
            for (ReplicationInstance instance : page.replicationInstances()) {
                instanceNames.put(instance.replicationInstanceArn(), instance.replicationInstanceIdentifier());
            }
            marker = page.marker();
        } while (marker != null && !marker.isEmpty());
    }

    private Map<String, TreeMap<Instant, Double>> fetchMetrics(List<TaskMetrics> tasks, Instant start, Instant end) {
        Map<String, TreeMap<Instant, Double>> series = new LinkedHashMap<>();
        List<MetricDataQuery> queries = new ArrayList<>(tasks.size() * 3);
        for (TaskMetrics task : tasks) {
            for (String metric : List.of(LATENCY_SOURCE, LATENCY_TARGET, INCOMING_CHANGES)) {
                queries.add(query(task, metric));
            }
        }
        for (int from = 0; from < queries.size(); from += MAX_QUERIES_PER_CALL) {
            List<MetricDataQuery> batch = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES_PER_CALL));
            String token = null;
            do {
                String next = token;
                GetMetricDataResponse page = cloudWatch.get().getMetricData(r -> r.metricDataQueries(batch)
                        .startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(next));
                for (MetricDataResult result : page.metricDataResults()) {
                    TreeMap<Instant, Double> points = series.computeIfAbsent(result.id(), id -> new TreeMap<>());
                    for (int i = 0; i < Math.min(result.timestamps().size(), result.values().size()); i++) {
                        points.put(result.timestamps().get(i), result.values().get(i));
                    }
                }
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        }
        return series;
    }

    private MetricDataQuery query(TaskMetrics task, String metric) {
        return MetricDataQuery.builder()
                .id(task.id(metric))
                .returnData(true)
                .metricStat(stat -> stat.stat(STATISTIC).period((int) period.toSeconds())
                        .metric(m -> m.namespace(NAMESPACE).metricName(metric).dimensions(
                                Dimension.builder().name("ReplicationInstanceIdentifier").value(task.instanceName()).build(),
                                Dimension.builder().name("ReplicationTaskIdentifier").value(task.resourceId()).build())))
                .build();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** The metric queries of one task; query ids must start with a lowercase letter. */
    record TaskMetrics(int index, String taskArn, String instanceArn, String instanceName) {
        String id(String metric) {
            return switch (metric) {
                case LATENCY_SOURCE -> "t" + index + "_src";
                case LATENCY_TARGET -> "t" + index + "_tgt";
                case INCOMING_CHANGES -> "t" + index + "_inc";
                default -> throw new IllegalArgumentException("unknown metric " + metric);
            };
        }

        /** The dimension value DMS publishes for the task: the last segment of its ARN. */
        String resourceId() {
            return DmsTaskArn.resourceId(taskArn);
        }
    }
}
