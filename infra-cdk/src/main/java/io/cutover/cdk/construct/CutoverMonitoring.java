package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.cdk.config.DeploymentConfig.AlarmSpec;
import io.cutover.cdk.config.DeploymentConfig.Monitoring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmState;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmRule;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Alarms whose names the cutover config watches, and one dashboard for the operator: replication lag
 * and throughput per DMS task, the target's load, the functions and the state machine.
 * <ul>
 *   <li>CDC latency: one alarm per task and side (source, target) and a composite over all of them,
 *       which is the one a cutover config watches.</li>
 *   <li>DMS task failure: counts matches of the failed-task EventBridge rule ({@code AWS/Events MatchedEvents});
 *       DMS publishes no task-state metric.</li>
 * </ul>
 */
public final class CutoverMonitoring extends Construct {

    /** The CloudWatch dimensions of one DMS task's metrics. */
    public record DmsTaskMetrics(String taskResourceId, String replicationInstanceIdentifier) {
    }

    public record Props(CutoverNames names, Monitoring settings, List<DmsTaskMetrics> dmsTasks,
                        String targetClusterIdentifier, ITopic notifications, Map<String, IFunction> functions,
                        IStateMachine stateMachine, String dmsTaskFailedRuleName) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(targetClusterIdentifier, "targetClusterIdentifier");
            Objects.requireNonNull(notifications, "notifications");
            Objects.requireNonNull(stateMachine, "stateMachine");
            dmsTasks = List.copyOf(dmsTasks);
            functions = Map.copyOf(functions);
            if (settings.dmsTaskFailure() != null) {
                Objects.requireNonNull(dmsTaskFailedRuleName, "dmsTaskFailedRuleName");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private Monitoring settings;
            private List<DmsTaskMetrics> dmsTasks = List.of();
            private String targetClusterIdentifier;
            private ITopic notifications;
            private Map<String, IFunction> functions = Map.of();
            private IStateMachine stateMachine;
            private String dmsTaskFailedRuleName;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder settings(Monitoring settings) {
                this.settings = settings;
                return this;
            }

            public Builder dmsTasks(List<DmsTaskMetrics> tasks) {
                this.dmsTasks = tasks;
                return this;
            }

            public Builder targetClusterIdentifier(String id) {
                this.targetClusterIdentifier = id;
                return this;
            }

            public Builder notifications(ITopic topic) {
                this.notifications = topic;
                return this;
            }

            /** Functions to chart, by label. */
            public Builder functions(Map<String, IFunction> functions) {
                this.functions = functions;
                return this;
            }

            public Builder stateMachine(IStateMachine stateMachine) {
                this.stateMachine = stateMachine;
                return this;
            }

            public Builder dmsTaskFailedRuleName(String ruleName) {
                this.dmsTaskFailedRuleName = ruleName;
                return this;
            }

            public Props build() {
                return new Props(names, settings, dmsTasks, targetClusterIdentifier, notifications, functions,
                        stateMachine, dmsTaskFailedRuleName);
            }
        }
    }

    private static final Duration PERIOD = Duration.minutes(1);
    private final Map<String, IAlarm> watchable = new LinkedHashMap<>();

    public CutoverMonitoring(Construct scope, String id, Props props) {
        super(scope, id);
        Monitoring settings = props.settings();
        SnsAction notify = new SnsAction(props.notifications());
        String prefix = props.names().prefix();

        List<IMetric> latencySource = new ArrayList<>();
        List<IMetric> latencyTarget = new ArrayList<>();
        List<IMetric> incoming = new ArrayList<>();
        List<IMetric> throughput = new ArrayList<>();
        List<IAlarmRule> latencyAlarms = new ArrayList<>();
        for (DmsTaskMetrics task : props.dmsTasks()) {
            for (String side : List.of("Source", "Target")) {
                Metric latency = dms("CDCLatency" + side, task, "Maximum");
                (side.equals("Source") ? latencySource : latencyTarget).add(labelled(latency, task));
                Alarm alarm = Alarm.Builder.create(this, "CdcLatency" + side + task.taskResourceId())
                        .alarmName(prefix + "-" + task.taskResourceId().toLowerCase() + "-cdc-latency-" + side.toLowerCase())
                        .alarmDescription("CDC latency (" + side.toLowerCase() + ") of DMS task " + task.taskResourceId()
                                + " above " + settings.cdcLatency().threshold() + " s")
                        .metric(latency)
                        .threshold(settings.cdcLatency().threshold())
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(settings.cdcLatency().evaluationMinutes())
                        .treatMissingData(TreatMissingData.MISSING)
                        .build();
                latencyAlarms.add(AlarmRule.fromAlarm(alarm, AlarmState.ALARM));
            }
            incoming.add(labelled(dms("CDCIncomingChanges", task, "Maximum"), task));
            throughput.add(labelled(dms("CDCThroughputRowsSource", task, "Average"), task));
            throughput.add(labelled(dms("CDCThroughputRowsTarget", task, "Average"), task));
        }
        if (settings.cdcLatency() != null && !latencyAlarms.isEmpty()) {
            CompositeAlarm composite = CompositeAlarm.Builder.create(this, "CdcLatency")
                    .compositeAlarmName(settings.cdcLatency().name())
                    .alarmDescription("Any DMS task of " + props.names().migrationId() + " lags more than "
                            + settings.cdcLatency().threshold() + " s on its source or target side")
                    .alarmRule(AlarmRule.anyOf(latencyAlarms.toArray(IAlarmRule[]::new)))
                    .build();
            composite.addAlarmAction(notify);
            composite.addOkAction(notify);
            watchable.put(settings.cdcLatency().name(), composite);
        }

        Metric cpu = rds("CPUUtilization", props.targetClusterIdentifier());
        Metric connections = rds("DatabaseConnections", props.targetClusterIdentifier());
        metricAlarm("TargetCpu", settings.targetCpu(), cpu, "Aurora target CPU above "
                + settings.targetCpu().threshold() + " %", TreatMissingData.MISSING,
                ComparisonOperator.GREATER_THAN_THRESHOLD, notify);
        metricAlarm("TargetConnections", settings.targetConnections(), connections, "Aurora target connections above "
                + settings.targetConnections().threshold(), TreatMissingData.MISSING,
                ComparisonOperator.GREATER_THAN_THRESHOLD, notify);
        if (settings.dmsTaskFailure() != null) {
            Metric failures = Metric.Builder.create()
                    .namespace("AWS/Events").metricName("MatchedEvents")
                    .dimensionsMap(Map.of("RuleName", props.dmsTaskFailedRuleName()))
                    .statistic("Sum").period(PERIOD)
                    .build();
            metricAlarm("DmsTaskFailure", settings.dmsTaskFailure(), failures,
                    "A DMS task of " + props.names().migrationId() + " failed (REPLICATION_TASK_FAILED event)",
                    TreatMissingData.NOT_BREACHING, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, notify);
        }

        dashboard(props, latencySource, latencyTarget, incoming, throughput, cpu, connections);
    }

    private void metricAlarm(String id, AlarmSpec spec, Metric metric, String description, TreatMissingData missing,
                             ComparisonOperator comparison, SnsAction notify) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(spec.name())
                .alarmDescription(description)
                .metric(metric)
                .threshold(spec.threshold())
                .comparisonOperator(comparison)
                .evaluationPeriods(spec.evaluationMinutes())
                .treatMissingData(missing)
                .build();
        alarm.addAlarmAction(notify);
        alarm.addOkAction(notify);
        watchable.put(spec.name(), alarm);
    }

    private void dashboard(Props props, List<IMetric> latencySource, List<IMetric> latencyTarget,
                           List<IMetric> incoming, List<IMetric> throughput, Metric cpu, Metric connections) {
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.names().prefix())
                .build();
        if (!props.dmsTasks().isEmpty()) {
            dashboard.addWidgets(
                    graph("CDC latency, source (s)", latencySource),
                    graph("CDC latency, target (s)", latencyTarget));
            dashboard.addWidgets(
                    graph("CDC incoming changes", incoming),
                    graph("CDC throughput (rows/s)", throughput));
        }
        List<IMetric> invocations = new ArrayList<>();
        List<IMetric> errors = new ArrayList<>();
        props.functions().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            invocations.add(e.getValue().metricInvocations(MetricOptions.builder().label(e.getKey()).period(PERIOD).build()));
            errors.add(e.getValue().metricErrors(MetricOptions.builder().label(e.getKey()).period(PERIOD).build()));
        });
        dashboard.addWidgets(graph("Function invocations", invocations), graph("Function errors", errors));
        IStateMachine sm = props.stateMachine();
        dashboard.addWidgets(
                graph("Cutover executions", List.of(sm.metricStarted(), sm.metricSucceeded(), sm.metricFailed(),
                        sm.metricTimedOut(), sm.metricAborted())),
                graph("Aurora target", List.of(cpu, connections)));
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Watched alarms")
                .alarms(List.copyOf(watchable.values()))
                .width(24)
                .build());
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(12).height(6).build();
    }

    private static Metric dms(String name, DmsTaskMetrics task, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/DMS").metricName(name)
                .dimensionsMap(Map.of(
                        "ReplicationInstanceIdentifier", task.replicationInstanceIdentifier(),
                        "ReplicationTaskIdentifier", task.taskResourceId()))
                .statistic(statistic).period(PERIOD)
                .build();
    }

    /** Dashboard lines carry the task; alarms keep the plain metric (a label would turn it into metric math). */
    private static IMetric labelled(Metric metric, DmsTaskMetrics task) {
        return metric.with(MetricOptions.builder().label(task.taskResourceId() + " " + metric.getMetricName()).build());
    }

    private static Metric rds(String name, String clusterIdentifier) {
        return Metric.Builder.create()
                .namespace("AWS/RDS").metricName(name)
                .dimensionsMap(Map.of("DBClusterIdentifier", clusterIdentifier))
                .statistic("Maximum").period(PERIOD)
                .build();
    }

    /** Alarms by name that a cutover config may watch. */
    public Map<String, IAlarm> watchableAlarms() {
        return Map.copyOf(watchable);
    }
}
