package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.core.config.RollbackStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The IAM statements the cutover functions are built from, one capability each, every one scoped to
 * the resources of {@link AccessScope}. Where an API has no resource-level permissions the statement
 * says so in its Sid and the caller records a cdk-nag suppression with that reason.
 */
public final class CutoverPolicies {
    private CutoverPolicies() {
    }

    /**
     * Read and write the migration's parameters (config, state, lock, readiness, rollback point, rollback request):
     * GetParameter, PutParameter and DeleteParameter are the only Parameter Store calls of the functions
     * (iam-simulation's EverySdkOperationRecordedTest).
     */
    public static List<PolicyStatement> parameters(CutoverNames names) {
        return List.of(statement("ParametersUnderMigrationPrefix", List.of("ssm:GetParameter", "ssm:PutParameter"),
                List.of(names.parameterArnUnderPrefix())));
    }

    /** Release the migration lock and clear a finished rollback request: the workflow's tasks only. */
    public static List<PolicyStatement> parameterDeletes(CutoverNames names) {
        return List.of(statement("DeleteParametersUnderMigrationPrefix", List.of("ssm:DeleteParameter"),
                List.of(names.parameterArnUnderPrefix())));
    }

    /** Start this migration's state machine, and describe an execution of that name that already exists. */
    public static List<PolicyStatement> stateMachine(CutoverNames names) {
        return List.of(
                statement("StartThisStateMachine", List.of("states:StartExecution"), List.of(names.stateMachineArn())),
                statement("DescribeThisStateMachinesExecutions", List.of("states:DescribeExecution"),
                        List.of(names.executionArns())));
    }

    /**
     * Change the weighted records: only in the configured zones, only the configured record names and types.
     * {@code GetChange} takes a change id that does not exist before the call, hence {@code change/*}.
     */
    public static List<PolicyStatement> route53(AccessScope scope) {
        CutoverNames names = scope.names();
        List<PolicyStatement> statements = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<String>> zone : new TreeMap<>(scope.recordNamesByZone()).entrySet()) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("ChangeWeightedRecordsInZone" + (i++))
                    .effect(Effect.ALLOW)
                    .actions(List.of("route53:ChangeResourceRecordSets"))
                    .resources(List.of(names.hostedZoneArn(zone.getKey())))
                    .conditions(Map.of("ForAllValues:StringEquals", Map.of(
                            "route53:ChangeResourceRecordSetsNormalizedRecordNames", zone.getValue(),
                            "route53:ChangeResourceRecordSetsRecordTypes", scope.recordTypes())))
                    .build());
        }
        statements.add(statement("ReadWeightedRecords", List.of("route53:ListResourceRecordSets"),
                new TreeMap<>(scope.recordNamesByZone()).keySet().stream().map(names::hostedZoneArn).toList()));
        statements.add(statement("WaitForRecordChanges", List.of("route53:GetChange"),
                List.of(names.route53ChangeArns())));
        return statements;
    }

    /** Task status and the tasks' replication instances. */
    public static List<PolicyStatement> dmsRead(AccessScope scope) {
        if (scope.dmsTaskArns().isEmpty()) {
            return List.of();
        }
        return List.of(
                // Both are wildcard-only in the Service Authorization Reference; the probe resolves each task's
                // replication instance on its first poll (DmsCloudWatchProbe).
                statement("DescribeTasksNoResourceLevelPermissions",
                        List.of("dms:DescribeReplicationTasks", "dms:DescribeReplicationInstances"), List.of("*")));
    }

    /**
     * Task status only (wildcard-only in the Service Authorization Reference): a rollback before the writer moved
     * waits for the reverse task to stop (DmsReverseReplication); it reads no metrics, so no instance names.
     */
    public static List<PolicyStatement> dmsStatusRead(AccessScope scope) {
        if (scope.dmsTaskArns().isEmpty() || scope.reverseDmsTaskArn() == null) {
            return List.of();
        }
        return List.of(statement("DescribeTaskStatusNoResourceLevelPermissions",
                List.of("dms:DescribeReplicationTasks"), List.of("*")));
    }

    /** Table statistics of our DMS tasks: the writer gate's validation and apply-exception checks. */
    public static List<PolicyStatement> dmsTableStatistics(AccessScope scope) {
        if (scope.dmsTaskArns().isEmpty()) {
            return List.of();
        }
        return List.of(statement("TableStatisticsOfOurTasks", List.of("dms:DescribeTableStatistics"),
                scope.dmsTaskArns()));
    }

    /**
     * Table statistics of the reverse task (issue 17): the Watch reads them at each poll after the switch (a table in
     * 'Table error' breaks the fall-back path), and every rollback after the writer moved reads them before and after
     * the reverse drain (a table the reverse task no longer applies refuses the rollback, naming it). None without a
     * reverse task.
     */
    public static List<PolicyStatement> dmsReverseTableStatistics(AccessScope scope) {
        if (scope.dmsTaskArns().isEmpty() || scope.reverseDmsTaskArn() == null) {
            return List.of();
        }
        return List.of(statement("TableStatisticsOfTheReverseTask", List.of("dms:DescribeTableStatistics"),
                List.of(scope.reverseDmsTaskArn())));
    }

    /**
     * Stops our DMS tasks: the forward ones after the switch ({@code stopDmsTaskAfterSwitch}) or, with a reverse task,
     * at it; the reverse one when the fall-back window closes or a rollback before the writer moved undoes it.
     */
    public static List<PolicyStatement> dmsStop(AccessScope scope) {
        if (scope.dmsTaskArns().isEmpty()) {
            return List.of();
        }
        return List.of(statement("StopOurTasks", List.of("dms:StopReplicationTask"), scope.controlledDmsTaskArns()));
    }

    /**
     * With a reverse task (issue 18): StartReplicationTask of the reverse task at the switch (start-replication from
     * CdcStartPosition), and of the forward tasks when a rollback before the writer moved resumes them
     * (resume-processing). None without a reverse task: nothing else starts a task.
     */
    public static List<PolicyStatement> dmsStart(AccessScope scope) {
        if (scope.dmsTaskArns().isEmpty() || scope.reverseDmsTaskArn() == null) {
            return List.of();
        }
        return List.of(statement("StartOurTasks", List.of("dms:StartReplicationTask"), scope.controlledDmsTaskArns()));
    }

    /**
     * What the fall-back window's other callers need (CutoverApi, AlarmRollback, ReadinessPoll): StopReplicationTask
     * and, with {@code starts}, StartReplicationTask; none without a reverse task.
     */
    public static List<PolicyStatement> dmsFallbackControl(AccessScope scope, boolean starts) {
        if (scope.dmsTaskArns().isEmpty() || scope.reverseDmsTaskArn() == null) {
            return List.of();
        }
        List<PolicyStatement> statements = new ArrayList<>(dmsStop(scope));
        if (starts) {
            statements.addAll(dmsStart(scope));
        }
        return statements;
    }

    /**
     * DMS's CDC latency and throughput (none with native replication, measured inside PostgreSQL); CloudWatch metric
     * reads have no resource-level permissions.
     */
    public static List<PolicyStatement> metricsRead(AccessScope scope) {
        if (scope.dmsTaskArns().isEmpty()) {
            return List.of();
        }
        return List.of(statement("ReadMetricsNoResourceLevelPermissions",
                List.of("cloudwatch:GetMetricData"), List.of("*")));
    }

    /** The state of the watched alarms. */
    public static List<PolicyStatement> alarmsRead(AccessScope scope) {
        if (scope.watchedAlarmArns().isEmpty()) {
            return List.of();
        }
        return List.of(statement("DescribeWatchedAlarms", List.of("cloudwatch:DescribeAlarms"),
                scope.watchedAlarmArns()));
    }

    /**
     * The target cluster, and with pitr the restore's: the cluster it creates and the instances DescribeDBInstances
     * finds the source writer and the new writer among. An existing cluster's instances are every instance
     * ({@code db:*}), which already covers the restored cluster's.
     */
    public static List<PolicyStatement> rdsRead(AccessScope scope) {
        List<PolicyStatement> statements = new ArrayList<>(clustersRead(scope));
        if (scope.rollbackStrategy() == RollbackStrategy.PITR) {
            CutoverNames names = scope.names();
            List<String> instances = new ArrayList<>(List.of(names.rdsArn("db", scope.targetInstanceNamePattern())));
            if (!"*".equals(scope.targetInstanceNamePattern())) {
                instances.add(names.rdsArn("db", scope.restoredClusterIdentifier() + "-*"));
            }
            statements.add(statement("DescribeTargetInstances", List.of("rds:DescribeDBInstances"), instances));
        }
        return statements;
    }

    /** The target cluster, and with pitr the cluster a point-in-time restore creates. */
    public static List<PolicyStatement> clustersRead(AccessScope scope) {
        CutoverNames names = scope.names();
        List<String> clusters = new ArrayList<>(List.of(names.rdsClusterArn(scope.targetClusterIdentifier())));
        if (scope.rollbackStrategy() == RollbackStrategy.PITR) {
            clusters.add(names.rdsClusterArn(scope.restoredClusterIdentifier()));
        }
        return List.of(statement("DescribeTargetClusters", List.of("rds:DescribeDBClusters"), clusters));
    }

    /** What the configured rollback strategy does beyond moving the weights back. */
    public static List<PolicyStatement> recovery(AccessScope scope) {
        CutoverNames names = scope.names();
        String target = scope.targetClusterIdentifier();
        return switch (scope.rollbackStrategy()) {
            case DNS -> List.of();
            case BACKTRACK -> backtrack(scope);
            case PITR -> {
                String restored = scope.restoredClusterIdentifier();
                yield List.of(
                        statement("RestoreTargetToPointInTime", List.of("rds:RestoreDBClusterToPointInTime"),
                                List.of(names.rdsClusterArn(target), names.rdsClusterArn(restored),
                                        names.rdsArn("subgrp", scope.targetSubnetGroupName()),
                                        names.rdsArn("cluster-pg", scope.targetParameterGroupName()))),
                        // CreateDBInstance is also authorized on the DB parameter group and option group the new
                        // instance takes: the current writer's, whose names its owner may change at any time.
                        statement("AddInstancesToRestoredCluster", List.of("rds:CreateDBInstance"),
                                List.of(names.rdsClusterArn(restored), names.rdsArn("db", restored + "-*"),
                                        names.rdsArn("subgrp", scope.targetSubnetGroupName()),
                                        names.rdsArn("pg", "*"), names.rdsArn("og", "*"))),
                        restoreKeyGrant(scope));
            }
        };
    }

    /**
     * The backtrack payload action and the workflow's backtrack recovery, when backtrack is the strategy; the caller
     * also grants {@link #clustersRead}, as BacktrackDBCluster follows a DescribeDBClusters of the window.
     */
    public static List<PolicyStatement> backtrack(AccessScope scope) {
        if (scope.rollbackStrategy() != RollbackStrategy.BACKTRACK) {
            return List.of();
        }
        return List.of(statement("BacktrackTargetCluster", List.of("rds:BacktrackDBCluster"),
                List.of(scope.names().rdsClusterArn(scope.targetClusterIdentifier()))));
    }

    /**
     * RDS creates a grant on the storage key of an encrypted cluster it restores, and describes the key, with the
     * caller's permissions ("Authorizing use of a customer managed key", RDS User Guide: kms:CreateGrant and
     * kms:DescribeKey); only through RDS and only for a grant to an AWS resource. An existing cluster's key is not
     * in the deployment config, hence any key, still only through RDS in this region.
     */
    private static PolicyStatement restoreKeyGrant(AccessScope scope) {
        String key = scope.targetStorageKeyArn() == null ? "*" : scope.targetStorageKeyArn();
        return PolicyStatement.Builder.create().sid("RestoredClusterUsesTargetStorageKey").effect(Effect.ALLOW)
                .actions(List.of("kms:CreateGrant", "kms:DescribeKey"))
                .resources(List.of(key))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService",
                        "rds." + scope.names().region() + ".amazonaws.com")))
                .build();
    }

    /** Snapshot of the source before the switch, when the cutover config asks for one. */
    public static List<PolicyStatement> sourceSnapshot(AccessScope scope) {
        if (scope.snapshotSourceInstance() == null) {
            return List.of();
        }
        CutoverNames names = scope.names();
        String snapshots = names.rdsArn("snapshot", names.prefix() + "-*");
        return List.of(
                statement("SnapshotSourceBeforeSwitch", List.of("rds:CreateDBSnapshot"),
                        List.of(names.rdsArn("db", scope.snapshotSourceInstance()), snapshots)),
                statement("WatchSourceSnapshot", List.of("rds:DescribeDBSnapshots"),
                        List.of(names.rdsArn("db", scope.snapshotSourceInstance()), snapshots)));
    }

    /** The two database logins and the keys that decrypt them. */
    public static List<PolicyStatement> databaseSecrets(AccessScope scope) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(statement("ReadDatabaseLogins", List.of("secretsmanager:GetSecretValue"),
                scope.databaseSecretArns()));
        if (!scope.secretKeyArns().isEmpty()) {
            statements.add(statement("DecryptDatabaseLogins", List.of("kms:Decrypt"), scope.secretKeyArns()));
        }
        return statements;
    }

    /**
     * The network interfaces Lambda creates for a function in a VPC. {@code ec2:Describe*} has no
     * resource-level permissions, and the interfaces do not exist before the function does.
     */
    public static List<PolicyStatement> vpcAccess() {
        return List.of(statement("LambdaVpcNetworkInterfaces", List.of("ec2:CreateNetworkInterface",
                "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"), List.of("*")));
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW).actions(actions).resources(resources)
                .build();
    }
}
