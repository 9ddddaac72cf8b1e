package io.cutover.cdk;

import io.cutover.cdk.config.DeploymentConfig;
import io.cutover.cdk.config.DeploymentConfig.ExistingDmsTask;
import io.cutover.cdk.construct.AccessScope;
import io.cutover.cdk.construct.CutoverEventRules;
import io.cutover.cdk.construct.CutoverFunctions;
import io.cutover.cdk.construct.CutoverFunctions.Kind;
import io.cutover.cdk.construct.CutoverMonitoring;
import io.cutover.cdk.construct.CutoverMonitoring.DmsTaskMetrics;
import io.cutover.cdk.construct.CutoverNotifications;
import io.cutover.cdk.construct.CutoverParameters;
import io.cutover.cdk.construct.CutoverWorkflow;
import io.cutover.cdk.construct.StoredCutoverConfig;
import io.cutover.cdk.construct.TargetDatabase;
import io.cutover.cdk.construct.WeightedRecords;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.config.ReplicationKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The control plane of one migration: its parameters, the four functions, the state machine, the
 * rules that trigger them, alarms, the dashboard and (optionally) the weighted records. It can be
 * redeployed freely; it only reads the data stack's outputs.
 */
public final class CutoverControlStack extends Stack {
    private final CutoverFunctions functions;
    private final CutoverWorkflow workflow;
    private final CutoverEventRules rules;
    private final CutoverMonitoring monitoring;

    public CutoverControlStack(Construct scope, String id, StackProps props, DeploymentConfig config,
                               CutoverDataStack data) {
        super(scope, id, props);
        CutoverNames names = CutoverNames.of(config);
        TargetDatabase aurora = data.aurora();
        String writerHost = aurora.writerHost();
        String readerHost = aurora.readerHost();

        CutoverNotifications notifications = new CutoverNotifications(this, "Notifications",
                CutoverNotifications.Props.builder().names(names).emails(config.notificationEmails()).build());

        String storedConfig = StoredCutoverConfig.render(config.cutoverDocument(), new StoredCutoverConfig.StackValues(
                config.createdDmsTaskArn(),
                config.usesDms() ? config.dms().task().arnInCutoverConfig() : null,
                aurora.secret().getSecretArn(), writerHost, readerHost, aurora.port(),
                config.createdReverseDmsTaskArn()));
        new CutoverParameters(this, "Parameters",
                CutoverParameters.Props.builder().names(names).configJson(storedConfig).build());

        boolean nativeReplication = config.cutover().replication().kind() == ReplicationKind.NATIVE;
        this.functions = new CutoverFunctions(this, "Functions", CutoverFunctions.Props.builder()
                .names(names)
                .settings(config.functions())
                .scope(accessScope(config, names, data))
                .vpc(data.network().vpc())
                .subnets(data.network().privateSubnetSelection())
                .databaseClientSecurityGroup(data.databaseClients())
                // Every function that opens a database connection: the API's gates and rollback (fence, unfence),
                // the alarm's rollback (unfence the source) and the tasks; native replication is measured inside
                // PostgreSQL, so then the poller too.
                .databaseInVpc(nativeReplication
                        ? List.of(Kind.CUTOVER_API, Kind.ALARM_ROLLBACK, Kind.WORKFLOW_TASKS, Kind.READINESS_POLL)
                        : List.of(Kind.CUTOVER_API, Kind.ALARM_ROLLBACK, Kind.WORKFLOW_TASKS))
                .build());

        this.workflow = new CutoverWorkflow(this, "Workflow", CutoverWorkflow.Props.builder()
                .names(names)
                .definitionJson(config.stateMachine().definitionJson())
                .workflowTasks(functions.alias(Kind.WORKFLOW_TASKS))
                .notifications(notifications.topic())
                .notificationsKey(notifications.key())
                .logRetentionDays(config.stateMachine().logRetentionDays())
                .build());

        this.rules = new CutoverEventRules(this, "Rules", CutoverEventRules.Props.builder()
                .names(names)
                .dmsTaskArns(config.dmsTaskArns())
                .watchedAlarmArns(config.cutover().alarms().stream().map(names::alarmArn).toList())
                .schedule(config.schedule().enabled(), config.schedule().readinessPollMinutes())
                .readinessPoll(functions.alias(Kind.READINESS_POLL))
                .alarmRollback(functions.alias(Kind.ALARM_ROLLBACK))
                .notifications(notifications.topic())
                .build());

        Map<String, IFunction> charted = new LinkedHashMap<>();
        functions.functions().forEach((kind, fn) -> charted.put(kind.logicalName(), fn));
        this.monitoring = new CutoverMonitoring(this, "Monitoring", CutoverMonitoring.Props.builder()
                .names(names)
                .settings(config.monitoring())
                .dmsTasks(dmsTaskMetrics(config, names))
                .targetClusterIdentifier(config.cutover().target().clusterIdentifier())
                .notifications(notifications.topic())
                .functions(charted)
                .stateMachine(workflow.stateMachine())
                .dmsTaskFailedRuleName(rules.dmsTaskFailedRule() == null ? null
                        : names.ruleName(CutoverEventRules.DMS_TASK_FAILED))
                .build());

        if (config.route53().createRecords()) {
            Map<String, String> targets = new LinkedHashMap<>();
            for (RecordGroup group : config.cutover().recordGroups()) {
                targets.put(group.name(), group.isWriter() ? writerHost : readerHost);
            }
            new WeightedRecords(this, "Records", WeightedRecords.Props.builder()
                    .groups(config.cutover().recordGroups()).targetValues(targets).build());
        }

        CfnOutput.Builder.create(this, "StateMachineArn").value(workflow.stateMachine().getStateMachineArn()).build();
        CfnOutput.Builder.create(this, "NotificationTopicArn").value(notifications.topic().getTopicArn()).build();
        CfnOutput.Builder.create(this, "CutoverApiFunction").value(names.functionName(Kind.CUTOVER_API.logicalName()))
                .description("aws lambda invoke --function-name <this>:" + CutoverFunctions.ALIAS + " ...").build();
        CfnOutput.Builder.create(this, "ParameterPrefix").value(names.parameterPrefix()).build();
    }

    private static AccessScope accessScope(DeploymentConfig config, CutoverNames names, CutoverDataStack data) {
        Map<String, List<String>> recordNames = new TreeMap<>();
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (RecordGroup group : config.cutover().recordGroups()) {
            recordNames.computeIfAbsent(group.bareHostedZoneId(), z -> new ArrayList<>())
                    .add(WeightedRecords.normalizedName(group.recordName()));
            types.add(group.type());
        }
        List<String> secrets = List.of(config.cutover().databases().source().secretArn(),
                data.aurora().secret().getSecretArn());
        return new AccessScope(names, recordNames, List.copyOf(types), config.dmsTaskArns(),
                config.cutover().alarms().stream().map(names::alarmArn).toList(),
                config.cutover().target().clusterIdentifier(), config.cutover().rollback().strategy(),
                config.cutover().rollback().restoredClusterIdentifier(), data.aurora().subnetGroupName(),
                data.aurora().parameterGroupName(), data.aurora().instanceNamePattern(),
                config.cutover().snapshotSourceInstance(), secrets, data.loginKeyArns(),
                data.aurora().storageKeyArn(), config.reverseDmsTaskArn());
    }

    /** The form Route 53's record-name condition key compares: lower case, no trailing dot. */
    private static List<DmsTaskMetrics> dmsTaskMetrics(DeploymentConfig config, CutoverNames names) {
        if (!config.usesDms()) {
            return List.of();
        }
        Map<String, String> instances = new LinkedHashMap<>();
        for (ExistingDmsTask task : config.dms().existingTasks()) {
            instances.put(task.arn(), task.replicationInstanceIdentifier());
        }
        List<DmsTaskMetrics> tasks = new ArrayList<>();
        for (String arn : config.dmsTaskArns()) {
            String instance = instances.getOrDefault(arn, names.dmsReplicationInstanceIdentifier());
            tasks.add(new DmsTaskMetrics(DmsTaskArn.resourceId(arn), instance));
        }
        return tasks;
    }

    public CutoverFunctions functions() {
        return functions;
    }

    public CutoverWorkflow workflow() {
        return workflow;
    }

    public CutoverEventRules rules() {
        return rules;
    }

    public CutoverMonitoring monitoring() {
        return monitoring;
    }
}
