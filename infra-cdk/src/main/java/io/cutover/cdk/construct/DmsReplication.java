package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.cdk.config.DeploymentConfig.Dms;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.config.Engine;
import io.cutover.core.config.SourceHeartbeat;
import io.cutover.core.port.db.ReverseReplicationRequest;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.dms.CfnEndpoint;
import software.amazon.awscdk.services.dms.CfnReplicationInstance;
import software.amazon.awscdk.services.dms.CfnReplicationSubnetGroup;
import software.amazon.awscdk.services.dms.CfnReplicationTask;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * DMS from the source to the Aurora target: a private replication instance, two endpoints that log in
 * through Secrets Manager (no password in the template), and a full-load-and-CDC task with logging and
 * validation. The task's ARN is fixed by its ResourceIdentifier so other resources can name it before
 * it exists.
 */
public final class DmsReplication extends Construct {
    private static final SourceHeartbeat HEARTBEAT = SourceHeartbeat.defaults();

    public record Props(CutoverNames names, Dms dms, Engine targetEngine, IVpc vpc, List<ISubnet> subnets,
                        IKey key, String sourceSecretArn, ISecret targetSecret, List<String> loginKeyArns,
                        String targetDatabaseName) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(dms, "dms");
            Objects.requireNonNull(dms.task(), "dms.task");
            Objects.requireNonNull(targetEngine, "targetEngine");
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(sourceSecretArn, "sourceSecretArn");
            Objects.requireNonNull(targetSecret, "targetSecret");
            Objects.requireNonNull(targetDatabaseName, "targetDatabaseName");
            subnets = List.copyOf(subnets);
            loginKeyArns = List.copyOf(loginKeyArns);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private Dms dms;
            private Engine targetEngine;
            private IVpc vpc;
            private List<ISubnet> subnets = List.of();
            private IKey key;
            private String sourceSecretArn;
            private ISecret targetSecret;
            private List<String> loginKeyArns = List.of();
            private String targetDatabaseName;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder dms(Dms dms) {
                this.dms = dms;
                return this;
            }

            public Builder targetEngine(Engine targetEngine) {
                this.targetEngine = targetEngine;
                return this;
            }

            public Builder vpc(IVpc vpc) {
                this.vpc = vpc;
                return this;
            }

            public Builder subnets(List<ISubnet> subnets) {
                this.subnets = subnets;
                return this;
            }

            public Builder key(IKey key) {
                this.key = key;
                return this;
            }

            public Builder sourceSecretArn(String sourceSecretArn) {
                this.sourceSecretArn = sourceSecretArn;
                return this;
            }

            public Builder targetSecret(ISecret targetSecret) {
                this.targetSecret = targetSecret;
                return this;
            }

            /** The customer-managed KMS keys of the two logins' secrets; empty when both use the AWS-managed key. */
            public Builder loginKeyArns(List<String> loginKeyArns) {
                this.loginKeyArns = loginKeyArns;
                return this;
            }

            public Builder targetDatabaseName(String targetDatabaseName) {
                this.targetDatabaseName = targetDatabaseName;
                return this;
            }

            public Props build() {
                return new Props(names, dms, targetEngine, vpc, subnets, key, sourceSecretArn, targetSecret,
                        loginKeyArns, targetDatabaseName);
            }
        }
    }

    private final SecurityGroup securityGroup;
    private final CfnReplicationTask task;
    private final CfnReplicationTask reverseTask;

    public DmsReplication(Construct scope, String id, Props props) {
        super(scope, id);
        CutoverNames names = props.names();
        Dms dms = props.dms();

        List<Construct> serviceRoles = dms.createServiceRoles() ? createServiceRoles() : List.of();

        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("DMS replication instance of " + names.prefix() + ": reaches the source and the target")
                .allowAllOutbound(true)
                .build();

        CfnReplicationSubnetGroup subnetGroup = CfnReplicationSubnetGroup.Builder.create(this, "SubnetGroup")
                .replicationSubnetGroupIdentifier(names.prefix() + "-dms")
                .replicationSubnetGroupDescription("Private subnets of " + names.prefix())
                .subnetIds(props.subnets().stream().map(ISubnet::getSubnetId).toList())
                .build();
        serviceRoles.forEach(subnetGroup.getNode()::addDependency);

        CfnReplicationInstance.Builder instanceBuilder = CfnReplicationInstance.Builder.create(this, "Instance")
                .replicationInstanceIdentifier(names.dmsReplicationInstanceIdentifier())
                .replicationInstanceClass(dms.replicationInstanceClass())
                .allocatedStorage(dms.allocatedStorageGb())
                .multiAz(dms.multiAz())
                .publiclyAccessible(false)
                .kmsKeyId(props.key().getKeyArn())
                .replicationSubnetGroupIdentifier(subnetGroup.getRef())
                .vpcSecurityGroupIds(List.of(securityGroup.getSecurityGroupId()))
                .autoMinorVersionUpgrade(true);
        if (dms.engineVersion() != null) {
            instanceBuilder.engineVersion(dms.engineVersion());
        }
        CfnReplicationInstance instance = instanceBuilder.build();

        Role secretsAccess = secretsAccessRole(props);
        boolean postgresTarget = props.targetEngine() == Engine.AURORA_POSTGRESQL;

        CfnEndpoint.Builder sourceBuilder = CfnEndpoint.Builder.create(this, "SourceEndpoint")
                .endpointIdentifier(names.prefix() + "-source")
                .endpointType("source")
                .engineName("postgres")
                .databaseName(dms.source().databaseName())
                .sslMode(dms.source().sslMode())
                .kmsKeyId(props.key().getKeyArn())
                .postgreSqlSettings(CfnEndpoint.PostgreSqlSettingsProperty.builder()
                        .secretsManagerSecretId(props.sourceSecretArn())
                        .secretsManagerAccessRoleArn(secretsAccess.getRoleArn())
                        // An idle source still advances the slot, so CDCLatencySource does not rise while
                        // nothing is written (DMS User Guide, PostgreSQL source endpoint settings).
                        .heartbeatEnable(HEARTBEAT.enabled())
                        .heartbeatFrequency(HEARTBEAT.frequencyMinutes())
                        .heartbeatSchema(HEARTBEAT.schema())
                        .build());
        if (dms.source().certificateArn() != null) {
            sourceBuilder.certificateArn(dms.source().certificateArn());
        }
        CfnEndpoint source = sourceBuilder.build();

        CfnEndpoint.Builder targetBuilder = CfnEndpoint.Builder.create(this, "TargetEndpoint")
                .endpointIdentifier(names.prefix() + "-target")
                .endpointType("target")
                .engineName(postgresTarget ? "aurora-postgresql" : "aurora")
                .databaseName(props.targetDatabaseName())
                .sslMode("require")
                .kmsKeyId(props.key().getKeyArn());
        if (postgresTarget) {
            targetBuilder.postgreSqlSettings(CfnEndpoint.PostgreSqlSettingsProperty.builder()
                    .secretsManagerSecretId(props.targetSecret().getSecretArn())
                    .secretsManagerAccessRoleArn(secretsAccess.getRoleArn())
                    .build());
        } else {
            targetBuilder.mySqlSettings(CfnEndpoint.MySqlSettingsProperty.builder()
                    .secretsManagerSecretId(props.targetSecret().getSecretArn())
                    .secretsManagerAccessRoleArn(secretsAccess.getRoleArn())
                    .build());
        }
        CfnEndpoint target = targetBuilder.build();
        // The endpoints test their login at creation, through the role's policy.
        source.getNode().addDependency(secretsAccess);
        target.getNode().addDependency(secretsAccess);

        String resourceId = dms.task().resourceIdentifier();
        this.task = CfnReplicationTask.Builder.create(this, "Task")
                .replicationTaskIdentifier(names.prefix() + "-" + resourceId.toLowerCase())
                .resourceIdentifier(resourceId)
                .migrationType("full-load-and-cdc")
                .replicationInstanceArn(instance.getRef())
                .sourceEndpointArn(source.getRef())
                .targetEndpointArn(target.getRef())
                .tableMappings(dms.task().tableMappingsJson())
                .replicationTaskSettings(DmsTaskSettings.defaults()
                        .withTargetTablePrepMode(dms.task().targetTablePrepMode()).toJson())
                .build();
        this.reverseTask = dms.task().reverseResourceIdentifier() == null ? null
                : reverseTask(props, instance, secretsAccess);
    }

    /**
     * The fall-back window's reverse replication (issue 18): the Aurora PostgreSQL target as a source endpoint that
     * reads the logical slot the cutover creates there at the switch ({@code SlotName}; DMS starts a CDC task from a
     * native start point only from a slot that exists, and "verifies that the specified logical replication slot
     * exists before starting the CDC load task", DMS API Reference, PostgreSqlSettings.SlotName), the source as a
     * target endpoint, and a CDC-only task between them. CloudFormation creates a task without running it ({@code
     * ready}); the switch starts it with StartReplicationTask {@code start-replication} at {@code CdcStartPosition}.
     * It carries the forward task's table mappings (the migrated schemas and the drain marker, so the reverse drain
     * works as the forward one; DMS's control tables on the target are not in them and never go back) and the same
     * task settings (transactional apply, status table, control schema), except that it never prepares target tables:
     * {@code DO_NOTHING} whatever the forward task does, since its target is the source with every row.
     */
    private CfnReplicationTask reverseTask(Props props, CfnReplicationInstance instance, Role secretsAccess) {
        CutoverNames names = props.names();
        Dms dms = props.dms();
        CfnEndpoint reverseSource = CfnEndpoint.Builder.create(this, "ReverseSourceEndpoint")
                .endpointIdentifier(names.prefix() + "-reverse-source")
                .endpointType("source")
                .engineName("aurora-postgresql")
                .databaseName(props.targetDatabaseName())
                .sslMode("require")
                .kmsKeyId(props.key().getKeyArn())
                .postgreSqlSettings(CfnEndpoint.PostgreSqlSettingsProperty.builder()
                        .secretsManagerSecretId(props.targetSecret().getSecretArn())
                        .secretsManagerAccessRoleArn(secretsAccess.getRoleArn())
                        .slotName(ReverseReplicationRequest.objectName(names.migrationId()))
                        .heartbeatEnable(HEARTBEAT.enabled())
                        .heartbeatFrequency(HEARTBEAT.frequencyMinutes())
                        .heartbeatSchema(HEARTBEAT.schema())
                        .build())
                .build();
        CfnEndpoint.Builder reverseTargetBuilder = CfnEndpoint.Builder.create(this, "ReverseTargetEndpoint")
                .endpointIdentifier(names.prefix() + "-reverse-target")
                .endpointType("target")
                .engineName("postgres")
                .databaseName(dms.source().databaseName())
                .sslMode(dms.source().sslMode())
                .kmsKeyId(props.key().getKeyArn())
                .postgreSqlSettings(CfnEndpoint.PostgreSqlSettingsProperty.builder()
                        .secretsManagerSecretId(props.sourceSecretArn())
                        .secretsManagerAccessRoleArn(secretsAccess.getRoleArn())
                        .build());
        if (dms.source().certificateArn() != null) {
            reverseTargetBuilder.certificateArn(dms.source().certificateArn());
        }
        CfnEndpoint reverseTarget = reverseTargetBuilder.build();
        reverseSource.getNode().addDependency(secretsAccess);
        reverseTarget.getNode().addDependency(secretsAccess);
        String resourceId = dms.task().reverseResourceIdentifier();
        return CfnReplicationTask.Builder.create(this, "ReverseTask")
                .replicationTaskIdentifier(names.prefix() + "-" + resourceId.toLowerCase())
                .resourceIdentifier(resourceId)
                .migrationType("cdc")
                .replicationInstanceArn(instance.getRef())
                .sourceEndpointArn(reverseSource.getRef())
                .targetEndpointArn(reverseTarget.getRef())
                .tableMappings(dms.task().tableMappingsJson())
                .replicationTaskSettings(DmsTaskSettings.defaults().withTargetTablePrepMode("DO_NOTHING").toJson())
                .build();
    }

    /** The account-wide roles DMS looks up by name; only for accounts that never used DMS. */
    private List<Construct> createServiceRoles() {
        Role vpcRole = Role.Builder.create(this, "DmsVpcRole")
                .roleName("dms-vpc-role")
                .assumedBy(new ServicePrincipal("dms.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonDMSVPCManagementRole")))
                .build();
        Role logsRole = Role.Builder.create(this, "DmsCloudWatchLogsRole")
                .roleName("dms-cloudwatch-logs-role")
                .assumedBy(new ServicePrincipal("dms.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonDMSCloudWatchLogsRole")))
                .build();
        for (Role role : List.of(vpcRole, logsRole)) {
            Nag.suppress(role, "AwsSolutions-IAM4", "DMS finds these two roles by their fixed names and documents"
                    + " exactly these AWS-managed policies for them (VPC ENIs, task logs).");
        }
        return List.of(vpcRole, logsRole);
    }

    private Role secretsAccessRole(Props props) {
        String region = props.names().region();
        // DMS assumes Secrets Manager access roles through its regional service principal.
        Role role = Role.Builder.create(this, "SecretsAccessRole")
                .assumedBy(new ServicePrincipal("dms." + region + ".amazonaws.com"))
                .description("Lets DMS read the source and target logins of " + props.names().prefix())
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .sid("ReadDatabaseLogins")
                .effect(Effect.ALLOW)
                .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                .resources(List.of(props.sourceSecretArn(), props.targetSecret().getSecretArn()))
                .build());
        if (!props.loginKeyArns().isEmpty()) {
            role.addToPolicy(PolicyStatement.Builder.create()
                    .sid("DecryptDatabaseLogins")
                    .effect(Effect.ALLOW)
                    .actions(List.of("kms:Decrypt"))
                    .resources(props.loginKeyArns())
                    .build());
        }
        return role;
    }

    /** Opened by the target so DMS can apply changes. */
    public ISecurityGroup securityGroup() {
        return securityGroup;
    }

    public CfnReplicationTask task() {
        return task;
    }

    /** The reverse task (target → source), stopped until the switch; null with an Aurora MySQL target. */
    public CfnReplicationTask reverseTask() {
        return reverseTask;
    }
}
