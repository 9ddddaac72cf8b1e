package io.cutover.aws;

import io.cutover.core.port.cloud.AwsResourceMissingException;
import io.cutover.core.port.cloud.InstanceFacts;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.PointInTimeRestoreResult;
import io.cutover.core.port.cloud.RecoveryRefusedException;
import io.cutover.core.port.cloud.RestoreNotReadyException;
import io.cutover.core.port.cloud.RestoredWriter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * The steps of an Aurora point-in-time restore, each one RDS call and safe to repeat. RDS API Reference,
 * RestoreDBClusterToPointInTime: "For Aurora, this operation only restores the DB cluster, not the DB instances ...
 * You can create DB instances only after the RestoreDBClusterToPointInTime operation has completed and the DB
 * cluster is available"; before that CreateDBInstance fails with {@code InvalidDBClusterStateFault} (HTTP 400).
 * Between the steps the workflow waits in its own Wait states; nothing here waits.
 */
final class RdsPointInTimeRestores {
    static final String LATEST = "latest-restorable-time";

    private final Supplier<RdsClient> rds;
    private final Function<String, DBCluster> cluster;

    RdsPointInTimeRestores(Supplier<RdsClient> rds, Function<String, DBCluster> cluster) {
        this.rds = Objects.requireNonNull(rds, "rds");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    PointInTimeRestoreResult start(PointInTimeRestore request) {
        DBCluster source = cluster.apply(request.sourceClusterId());
        request.restoreTime().ifPresent(time -> {
            if (source.latestRestorableTime() != null && time.isAfter(source.latestRestorableTime())) {
                throw new RecoveryRefusedException(source.dbClusterIdentifier(), source.engine(), "cannot restore "
                        + source.dbClusterIdentifier() + " to " + time + ": its latest restorable time is "
                        + source.latestRestorableTime() + ". No restore request was sent.");
            }
        });
        // Checked before the restore, so a cluster that cannot get a writer is never created.
        writerClass(source, writerOf(source));
        String restoredTo = request.restoreTime().map(Instant::toString).orElse(LATEST);
        try {
            String status = rds.get().restoreDBClusterToPointInTime(restoreRequest(request, source)).dbCluster()
                    .status();
            return new PointInTimeRestoreResult(request.sourceClusterId(), request.newClusterId(), restoredTo,
                    status, false);
        } catch (DbClusterAlreadyExistsException e) {
            // A repeated step (Lambda runs a task at least once): the restore was requested; never request another.
            String status = cluster.apply(request.newClusterId()).status();
            return new PointInTimeRestoreResult(request.sourceClusterId(), request.newClusterId(), restoredTo,
                    status, true);
        }
    }

    RestoredWriter createWriter(PointInTimeRestore request) {
        DBCluster restored = cluster.apply(request.newClusterId());
        if (!"available".equals(restored.status())) {
            throw notReady(restored.dbClusterIdentifier(), restored.status(), null);
        }
        DBCluster source = cluster.apply(request.sourceClusterId());
        DBInstance sourceWriter = writerOf(source);
        String instanceClass = writerClass(source, sourceWriter);
        try {
            String status = rds.get().createDBInstance(writerRequest(request, restored, sourceWriter, instanceClass))
                    .dbInstance().dbInstanceStatus();
            return new RestoredWriter(request.newClusterId(), request.writerInstanceId(), instanceClass, status, false);
        } catch (InvalidDbClusterStateException e) {
            // Its status changed between the look and the call: nothing was created, the workflow looks again.
            throw notReady(restored.dbClusterIdentifier(), "not available", e);
        } catch (DbInstanceAlreadyExistsException e) {
            InstanceFacts existing = describeInstance(request.writerInstanceId());
            if (!request.newClusterId().equals(existing.clusterId())) {
                throw new RecoveryRefusedException(request.newClusterId(), restored.engine(), "instance "
                        + request.writerInstanceId() + " already exists in cluster " + existing.clusterId() + ", not in"
                        + " the restored cluster " + request.newClusterId() + "; no instance was created");
            }
            return new RestoredWriter(request.newClusterId(), request.writerInstanceId(), instanceClass,
                    existing.status(), true);
        }
    }

    InstanceFacts describeInstance(String instanceId) {
        Objects.requireNonNull(instanceId, "instanceId");
        try {
            List<DBInstance> instances = rds.get().describeDBInstances(r -> r.dbInstanceIdentifier(instanceId))
                    .dbInstances();
            if (instances.isEmpty()) {
                throw new AwsResourceMissingException("RDS has no DB instance " + instanceId);
            }
            DBInstance instance = instances.getFirst();
            return new InstanceFacts(instance.dbInstanceIdentifier(), instance.dbClusterIdentifier(),
                    instance.dbInstanceStatus() == null ? "unknown" : instance.dbInstanceStatus(),
                    Boolean.TRUE.equals(instance.publiclyAccessible()));
        } catch (DbInstanceNotFoundException e) {
            throw new AwsResourceMissingException("RDS has no DB instance " + instanceId
                    + " in this account and region", e);
        }
    }

    /**
     * A restored cluster takes the source's configuration except its security groups (RDS API Reference: "created
     * with the default DB security group"), so every setting the applications and operators rely on is passed
     * explicitly: placement (subnet group, security groups), port, parameter group, IAM database authentication, the
     * log exports, the KMS key of an encrypted source, deletion protection, tag copying, Serverless v2 capacity and
     * an Aurora MySQL Backtrack window (which can only be set when a cluster is created or restored).
     */
    private static RestoreDbClusterToPointInTimeRequest restoreRequest(PointInTimeRestore request, DBCluster source) {
        RestoreDbClusterToPointInTimeRequest.Builder restore = RestoreDbClusterToPointInTimeRequest.builder()
                .sourceDBClusterIdentifier(source.dbClusterIdentifier())
                .dbClusterIdentifier(request.newClusterId())
                .dbSubnetGroupName(source.dbSubnetGroup())
                .vpcSecurityGroupIds(source.vpcSecurityGroups().stream()
                        .map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList())
                .dbClusterParameterGroupName(source.dbClusterParameterGroup())
                .port(source.port())
                .enableIAMDatabaseAuthentication(source.iamDatabaseAuthenticationEnabled())
                .copyTagsToSnapshot(source.copyTagsToSnapshot())
                .deletionProtection(source.deletionProtection());
        if (source.hasEnabledCloudwatchLogsExports() && !source.enabledCloudwatchLogsExports().isEmpty()) {
            restore.enableCloudwatchLogsExports(source.enabledCloudwatchLogsExports());
        }
        // Without KmsKeyId RDS encrypts with the source's key (RestoreDBClusterToPointInTime, KmsKeyId); it is named
        // anyway, so the request says which key the restored cluster uses. RDS refuses it for an unencrypted source.
        if (Boolean.TRUE.equals(source.storageEncrypted()) && source.kmsKeyId() != null) {
            restore.kmsKeyId(source.kmsKeyId());
        }
        if (source.backtrackWindow() != null && source.backtrackWindow() > 0) {
            restore.backtrackWindow(source.backtrackWindow());
        }
        request.restoreTime().ifPresentOrElse(restore::restoreToTime, () -> restore.useLatestRestorableTime(true));
        if (source.serverlessV2ScalingConfiguration() != null) {
            restore.serverlessV2ScalingConfiguration(s -> s
                    .minCapacity(source.serverlessV2ScalingConfiguration().minCapacity())
                    .maxCapacity(source.serverlessV2ScalingConfiguration().maxCapacity()));
        }
        return restore.build();
    }

    /**
     * The source writer's class, engine and parameter group, and never a public address: without
     * {@code PubliclyAccessible} RDS decides from the subnet group (RDS API Reference, CreateDBInstance,
     * PubliclyAccessible: a subnet group whose subnets route to an internet gateway makes the instance public).
     */
    private static CreateDbInstanceRequest writerRequest(PointInTimeRestore request, DBCluster restored,
                                                         DBInstance sourceWriter, String instanceClass) {
        CreateDbInstanceRequest.Builder writer = CreateDbInstanceRequest.builder()
                .dbInstanceIdentifier(request.writerInstanceId())
                .dbClusterIdentifier(request.newClusterId())
                .engine(restored.engine())
                .dbInstanceClass(instanceClass)
                .publiclyAccessible(false);
        if (sourceWriter != null && sourceWriter.hasDbParameterGroups()
                && !sourceWriter.dbParameterGroups().isEmpty()) {
            writer.dbParameterGroupName(sourceWriter.dbParameterGroups().getFirst().dbParameterGroupName());
        }
        if (sourceWriter != null && sourceWriter.caCertificateIdentifier() != null) {
            // The CA the clients verify the source writer with; the restored writer must present a chain they trust.
            writer.caCertificateIdentifier(sourceWriter.caCertificateIdentifier());
        }
        return writer.build();
    }

    private static String writerClass(DBCluster source, DBInstance writer) {
        String writerClass = writer != null ? writer.dbInstanceClass() : source.dbClusterInstanceClass();
        if (writerClass == null) {
            throw new RecoveryRefusedException(source.dbClusterIdentifier(), source.engine(), "cluster "
                    + source.dbClusterIdentifier() + " has no writer instance to copy the instance class from;"
                    + " no restore request was sent");
        }
        return writerClass;
    }

    private DBInstance writerOf(DBCluster cluster) {
        List<DBClusterMember> members = cluster.hasDbClusterMembers() ? cluster.dbClusterMembers() : List.of();
        return members.stream().filter(m -> Boolean.TRUE.equals(m.isClusterWriter())).findFirst()
                .map(m -> rds.get().describeDBInstances(r -> r.dbInstanceIdentifier(m.dbInstanceIdentifier()))
                        .dbInstances().getFirst())
                .orElse(null);
    }

    private static RestoreNotReadyException notReady(String clusterId, String status, Throwable cause) {
        return new RestoreNotReadyException("restored cluster " + clusterId + " is " + status + ", not available:"
                + " RDS adds instances only to an available cluster (InvalidDBClusterStateFault); no instance was"
                + " created", cause);
    }
}
