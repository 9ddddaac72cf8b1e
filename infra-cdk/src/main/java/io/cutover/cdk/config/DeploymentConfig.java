package io.cutover.cdk.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.Engine;
import io.cutover.core.json.WireName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one deployment of the cutover stacks needs, validated by {@link DeploymentConfigLoader}.
 * The cutover config (the document the handlers read) is embedded both parsed, for decisions here, and
 * as its original tree, which is what gets stored in Parameter Store after the stack-owned values are
 * filled in.
 *
 * @param dms null when the cutover config replicates natively (no DMS resources then)
 */
public record DeploymentConfig(
        Path file,
        Path cutoverConfigFile,
        CutoverConfig cutover,
        JsonNode cutoverDocument,
        Environment environment,
        Network network,
        Database database,
        Dms dms,
        Functions functions,
        StateMachine stateMachine,
        Schedule schedule,
        Route53 route53,
        Monitoring monitoring,
        Backup backup,
        List<String> notificationEmails,
        String sourceSecretKmsKeyArn) {

    public String migrationId() {
        return cutover.migrationId();
    }

    public Engine engine() {
        return cutover.target().engine();
    }

    public boolean usesDms() {
        return dms != null;
    }

    /** ARN of the DMS task this deployment creates; null without one. */
    public String createdDmsTaskArn() {
        if (dms == null) {
            return null;
        }
        return environment.dmsTaskArn(dms.task().resourceIdentifier());
    }

    /** ARN of the reverse DMS task this deployment creates (stopped, CDC only); null without one. */
    public String createdReverseDmsTaskArn() {
        if (dms == null || dms.task().reverseResourceIdentifier() == null) {
            return null;
        }
        return environment.dmsTaskArn(dms.task().reverseResourceIdentifier());
    }

    /** The reverse task as stored in Parameter Store: the created one, else the cutover config's; null for none. */
    public String reverseDmsTaskArn() {
        String created = createdReverseDmsTaskArn();
        return created != null ? created : cutover.replication().reverseDmsTaskArn();
    }

    /**
     * The tasks the cutover waits for, as stored in Parameter Store: the configured ones with the created
     * task appended (unless listed already), or the created task alone with {@code arnInCutoverConfig: replace}.
     */
    public List<String> dmsTaskArns() {
        String created = createdDmsTaskArn();
        if (created == null) {
            return cutover.replication().dmsTaskArns();
        }
        return dms.task().arnInCutoverConfig().merge(cutover.replication().dmsTaskArns(), created);
    }

    /** Account and region both stacks deploy to; concrete so ARNs in event patterns are concrete too. */
    public record Environment(String account, String region) {
        public String partition() {
            if (region.startsWith("cn-")) {
                return "aws-cn";
            }
            return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        }

        /** A DMS task's ARN ends with its ResourceIdentifier, which the stack sets: known before deployment. */
        public String dmsTaskArn(String resourceIdentifier) {
            return DmsTaskArn.of(partition(), region, account, resourceIdentifier);
        }
    }

    /**
     * Either an existing VPC ({@code vpcId} and its private subnets) or a new one ({@code cidr}).
     * Availability zones are explicit in both cases so synthesis never needs an AWS lookup.
     */
    public record Network(String vpcId, List<String> availabilityZones, List<String> privateSubnetIds,
                          List<String> privateSubnetRouteTableIds, String cidr, int natGateways) {
        public boolean createsVpc() {
            return vpcId == null;
        }
    }

    /**
     * The Aurora target: one the stack creates, or an existing one ({@code existingCluster}).
     *
     * @param port                   the target's port, created or existing ({@code existingCluster.port})
     * @param databaseName           the database DMS writes into (and, for a created cluster, the one it creates)
     * @param backtrackWindowSeconds 0 for none (always 0 on Aurora PostgreSQL)
     * @param existingCluster        null when the stack creates the cluster; when set, the fields that configure a
     *                               created cluster (engine version to log retention) are null, 0 or false: the
     *                               loader refuses them, as they are the existing cluster's own settings
     */
    public record Database(String engineVersion, String instanceClass, int readers, int port, String databaseName,
                           String masterUsername, int backupRetentionDays, String preferredBackupWindow,
                           long backtrackWindowSeconds, boolean logicalReplication, int logRetentionDays,
                           ExistingCluster existingCluster) {

        public boolean createsCluster() {
            return existingCluster == null;
        }
    }

    /**
     * An Aurora cluster made elsewhere (another IaC tool, the console) that the cutover moves traffic to. The stack
     * creates nothing of it: it imports the cluster, its login and one of its security groups, to which it adds
     * ingress rules for the functions and DMS.
     *
     * @param writerEndpoint            host name of the cluster (writer) endpoint
     * @param readerEndpoint            host name of the reader endpoint (or a custom endpoint)
     * @param secretArn                 complete ARN of the login the functions and DMS use
     * @param secretKmsKeyArn           the customer-managed KMS key of that secret; null for aws/secretsmanager
     * @param subnetGroupName           the cluster's DB subnet group; only with rollback strategy pitr, else null
     * @param clusterParameterGroupName the cluster's DB cluster parameter group; only with pitr, else null
     */
    public record ExistingCluster(String clusterIdentifier, String writerEndpoint, String readerEndpoint,
                                  String securityGroupId, String secretArn, String secretKmsKeyArn,
                                  String subnetGroupName, String clusterParameterGroupName) {
    }

    public record Dms(String replicationInstanceClass, int allocatedStorageGb, boolean multiAz, String engineVersion,
                      boolean createServiceRoles, DmsSource source, DmsTask task, List<ExistingDmsTask> existingTasks) {
    }

    /** How DMS reaches the source; the login itself is the cutover config's source secret. */
    public record DmsSource(String databaseName, String sslMode, String certificateArn) {
    }

    /**
     * The task this stack creates. Its ARN is {@code arn:PARTITION:dms:REGION:ACCOUNT:task:RESOURCE_IDENTIFIER},
     * known before deployment, so the cutover config can already name it.
     *
     * @param tableMappingsJson DMS table mappings document
     * @param reverseResourceIdentifier the end of the reverse task's ARN (target → source, the fall-back window of
     *                          issue 18); null when the target is Aurora MySQL (the reverse task reads a PostgreSQL slot)
     */
    public record DmsTask(String resourceIdentifier, ArnMerge arnInCutoverConfig, String tableMappingsJson,
                          String targetTablePrepMode, String reverseResourceIdentifier) {
    }

    /** How the created task's ARN enters the stored cutover config's {@code replication.dmsTaskArns}. */
    public enum ArnMerge implements WireName {
        /** Added to the configured list unless it is already there. */
        APPEND("append"),
        /** Replaces the configured list. */
        REPLACE("replace");

        private final String wireName;

        ArnMerge(String wireName) {
            this.wireName = wireName;
        }

        /** The stored {@code replication.dmsTaskArns}: {@code configured} with {@code created} entered this way. */
        public List<String> merge(List<String> configured, String created) {
            if (this == REPLACE) {
                return List.of(created);
            }
            List<String> arns = new ArrayList<>(configured);
            if (!arns.contains(created)) {
                arns.add(created);
            }
            return List.copyOf(arns);
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    /** A task listed in the cutover config that this stack does not create; needed for its metric dimensions. */
    public record ExistingDmsTask(String arn, String replicationInstanceIdentifier) {
    }

    /**
     * @param caBundle the PEM CA bundle the functions verify the databases' TLS certificates with, deployed as a
     *                 layer so it is at {@link io.cutover.core.config.DatabaseEndpoint#LAMBDA_CA_BUNDLE}; null
     *                 when no endpoint verifies its certificate and none is configured
     * @param caBundlePem the bundle's content as the loader read and checked it, so the layer deploys those very
     *                    bytes; null without a bundle
     */
    public record Functions(Path jar, int memoryMb, int workflowTasksTimeoutSeconds, int logRetentionDays,
                            Path caBundle, byte[] caBundlePem) {
    }

    /** @param definitionJson the ASL text, read at load time so synthesis inlines it (no S3 asset) */
    public record StateMachine(Path definition, String definitionJson, int logRetentionDays) {
    }

    public record Schedule(boolean enabled, int readinessPollMinutes) {
    }

    public record Route53(boolean createRecords) {
    }

    /** One alarm this stack creates; {@code threshold} is in the metric's unit. */
    public record AlarmSpec(String name, double threshold, int evaluationMinutes) {
    }

    /**
     * @param cdcLatency        a composite alarm over every task's source and target latency; null without DMS
     * @param dmsTaskFailure    fires on any failed-task event of our tasks; null without DMS
     * @param externalAlarmNames alarms the cutover config watches that exist outside this stack
     */
    public record Monitoring(AlarmSpec cdcLatency, AlarmSpec targetCpu, AlarmSpec targetConnections,
                             AlarmSpec dmsTaskFailure, List<String> externalAlarmNames) {

        /** Names of the alarms this stack creates (the ones a cutover config may watch). */
        public List<String> createdAlarmNames() {
            return java.util.stream.Stream.of(cdcLatency, targetCpu, targetConnections, dmsTaskFailure)
                    .filter(java.util.Objects::nonNull).map(AlarmSpec::name).toList();
        }

        /** Names of the alarms this stack creates over forward replication (the DMS task): none without DMS. */
        public List<String> forwardReplicationAlarmNames() {
            return java.util.stream.Stream.of(cdcLatency, dmsTaskFailure)
                    .filter(java.util.Objects::nonNull).map(AlarmSpec::name).toList();
        }
    }

    public record Backup(boolean enabled, int retentionDays, int hourUtc, int minuteUtc) {
    }
}
