package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.cdk.config.DeploymentConfig.Database;
import io.cutover.cdk.config.LogRetention;
import io.cutover.core.config.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.AuroraMysqlClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraMysqlEngineVersion;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.IClusterEngine;
import software.amazon.awscdk.services.rds.IClusterInstance;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps;
import software.amazon.awscdk.services.rds.SubnetGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The Aurora target: a writer and readers spread over the availability zones, KMS-encrypted storage,
 * IAM authentication, point-in-time recovery, deletion protection, the admin login in Secrets Manager,
 * logs exported to CloudWatch. Aurora MySQL gets a Backtrack window; Aurora PostgreSQL cannot have one.
 * A cluster made elsewhere is {@link ExistingAuroraTarget} instead.
 */
public final class AuroraTarget extends Construct implements TargetDatabase {

    public record Props(CutoverNames names, Engine engine, String clusterIdentifier, Database database, IVpc vpc,
                        SubnetSelection subnets, List<String> availabilityZones, IKey key) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(clusterIdentifier, "clusterIdentifier");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(subnets, "subnets");
            Objects.requireNonNull(key, "key");
            availabilityZones = List.copyOf(availabilityZones);
            if (engine == Engine.AURORA_POSTGRESQL && database.backtrackWindowSeconds() > 0) {
                throw new IllegalArgumentException("database.backtrackWindowSeconds: Backtrack exists only on Aurora MySQL");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private Engine engine;
            private String clusterIdentifier;
            private Database database;
            private IVpc vpc;
            private SubnetSelection subnets;
            private List<String> availabilityZones = List.of();
            private IKey key;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder engine(Engine engine) {
                this.engine = engine;
                return this;
            }

            public Builder clusterIdentifier(String clusterIdentifier) {
                this.clusterIdentifier = clusterIdentifier;
                return this;
            }

            public Builder database(Database database) {
                this.database = database;
                return this;
            }

            public Builder vpc(IVpc vpc) {
                this.vpc = vpc;
                return this;
            }

            public Builder subnets(SubnetSelection subnets) {
                this.subnets = subnets;
                return this;
            }

            public Builder availabilityZones(List<String> availabilityZones) {
                this.availabilityZones = availabilityZones;
                return this;
            }

            public Builder key(IKey key) {
                this.key = key;
                return this;
            }

            public Props build() {
                return new Props(names, engine, clusterIdentifier, database, vpc, subnets, availabilityZones, key);
            }
        }
    }

    private final DatabaseCluster cluster;
    private final SecurityGroup securityGroup;
    private final int port;
    private final String subnetGroupName;
    private final String parameterGroupName;
    private final IKey key;
    private final String instanceNamePattern;

    public AuroraTarget(Construct scope, String id, Props props) {
        super(scope, id);
        Database db = props.database();
        boolean postgres = props.engine() == Engine.AURORA_POSTGRESQL;
        this.port = db.port();
        this.subnetGroupName = props.clusterIdentifier() + "-subnets";
        this.parameterGroupName = props.clusterIdentifier() + "-cluster-params";
        this.key = props.key();
        this.instanceNamePattern = props.clusterIdentifier() + "-*";

        IClusterEngine engine = postgres
                ? DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                .version(AuroraPostgresEngineVersion.of(db.engineVersion(), db.engineVersion().split("\\.")[0]))
                .build())
                : DatabaseClusterEngine.auroraMysql(AuroraMysqlClusterEngineProps.builder()
                .version(AuroraMysqlEngineVersion.of(db.engineVersion()))
                .build());

        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Aurora target " + props.clusterIdentifier() + ": database port from cutover clients and DMS")
                .allowAllOutbound(false)
                .build();

        ParameterGroup parameters = ParameterGroup.Builder.create(this, "ClusterParameters")
                .engine(engine)
                .name(parameterGroupName)
                .description("Cluster parameters of " + props.clusterIdentifier())
                .parameters(clusterParameters(postgres, db.logicalReplication()))
                .build();

        SubnetGroup subnetGroup = SubnetGroup.Builder.create(this, "Subnets")
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .subnetGroupName(subnetGroupName)
                .description("Private subnets of " + props.clusterIdentifier())
                .build();

        // RDS creates the export log groups itself (without retention) unless they already exist.
        List<LogGroup> logGroups = new ArrayList<>();
        for (String log : postgres ? List.of("postgresql") : List.of("audit", "error", "general", "slowquery")) {
            logGroups.add(LogGroup.Builder.create(this, "Log-" + log)
                    .logGroupName("/aws/rds/cluster/" + props.clusterIdentifier() + "/" + log)
                    .retention(LogRetention.days(db.logRetentionDays()))
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build());
        }

        DatabaseCluster.Builder builder = DatabaseCluster.Builder.create(this, "Cluster")
                .engine(engine)
                .clusterIdentifier(props.clusterIdentifier())
                .credentials(Credentials.fromGeneratedSecret(db.masterUsername(), CredentialsBaseOptions.builder()
                        .secretName(props.names().secretName("target-admin"))
                        .encryptionKey(props.key())
                        .build()))
                .writer(instance("Writer", props.clusterIdentifier() + "-1", db, props, 0))
                .readers(readers(db, props))
                .vpc(props.vpc())
                .subnetGroup(subnetGroup)
                .securityGroups(List.of(securityGroup))
                .parameterGroup(parameters)
                .port(db.port())
                .defaultDatabaseName(db.databaseName())
                .storageEncrypted(true)
                .storageEncryptionKey(props.key())
                .backup(BackupProps.builder()
                        .retention(Duration.days(db.backupRetentionDays()))
                        .preferredWindow(db.preferredBackupWindow())
                        .build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .iamAuthentication(true)
                .cloudwatchLogsExports(logGroups.stream().map(g -> g.getNode().getId().substring("Log-".length()))
                        .toList())
                .copyTagsToSnapshot(true);
        if (!postgres) {
            builder.backtrackWindow(Duration.seconds(db.backtrackWindowSeconds()));
        }
        this.cluster = builder.build();
        logGroups.forEach(cluster.getNode()::addDependency);
        if (!props.availabilityZones().isEmpty()) {
            Validations.of(cluster).acknowledge(Acknowledgment.builder()
                    .id("CloudFormation-Validate::W3010")
                    .reason("The zones come from the deployment config on purpose: writer and readers are placed"
                            + " in different zones of the configured subnets")
                    .build());
        }

        // getSecret() is the attachment; the generated secret itself is the cluster's child "Secret".
        Nag.suppress(cluster.getNode().findChild("Secret"), "AwsSolutions-SMG4", "Rotating the admin password during a cutover would"
                + " change it under the running DMS task and the workflow's open sessions; rotate it after the"
                + " migration, when DMS is gone.");
        if (db.port() == props.engine().defaultPort()) {
            Nag.suppress(cluster, "AwsSolutions-RDS11", "The applications switched by the cutover connect through"
                    + " weighted DNS to either database with one connection string, so the target keeps the port"
                    + " the source uses; set database.port to change it.");
        }
    }

    private static Map<String, String> clusterParameters(boolean postgres, boolean logicalReplication) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (postgres) {
            parameters.put("rds.force_ssl", "1");
            if (logicalReplication) {
                // Publishing from the target is what reverse replication (fallback after the switch) needs.
                parameters.put("rds.logical_replication", "1");
            }
        } else {
            parameters.put("require_secure_transport", "ON");
            if (logicalReplication) {
                parameters.put("binlog_format", "ROW");
            }
        }
        return parameters;
    }

    private static List<IClusterInstance> readers(Database db, Props props) {
        List<IClusterInstance> readers = new ArrayList<>();
        for (int i = 1; i <= db.readers(); i++) {
            readers.add(instance("Reader" + i, props.clusterIdentifier() + "-" + (i + 1), db, props, i));
        }
        return readers;
    }

    private static IClusterInstance instance(String id, String identifier, Database db, Props props, int index) {
        ProvisionedClusterInstanceProps.Builder instance = ProvisionedClusterInstanceProps.builder()
                .instanceType(new InstanceType(db.instanceClass()))
                .instanceIdentifier(identifier)
                .publiclyAccessible(false)
                .enablePerformanceInsights(true)
                .performanceInsightEncryptionKey(props.key());
        if (!props.availabilityZones().isEmpty()) {
            // Writer in the first zone, readers round-robin over the others, so a zone loss leaves a reader.
            instance.availabilityZone(props.availabilityZones().get(index % props.availabilityZones().size()));
        }
        return ClusterInstance.provisioned(id, instance.build());
    }

    @Override
    public void allowFrom(ISecurityGroup peer, String description) {
        securityGroup.addIngressRule(peer, Port.tcp(port), description);
    }

    @Override
    public void mustExistBefore(IConstruct dependent) {
        dependent.getNode().addDependency(cluster);
    }

    /** The generated admin login. */
    @Override
    public ISecret secret() {
        return cluster.getSecret();
    }

    /** The stack's data key, which also encrypts the cluster's storage. */
    @Override
    public String storageKeyArn() {
        return key.getKeyArn();
    }

    /** The stack's data key, which encrypts the generated login. */
    @Override
    public String secretKeyArn() {
        return key.getKeyArn();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String writerHost() {
        return cluster.getClusterEndpoint().getHostname();
    }

    @Override
    public String readerHost() {
        return cluster.getClusterReadEndpoint().getHostname();
    }

    @Override
    public String clusterArn() {
        return cluster.getClusterArn();
    }

    @Override
    public String subnetGroupName() {
        return subnetGroupName;
    }

    @Override
    public String parameterGroupName() {
        return parameterGroupName;
    }

    /** The writer and readers are named {@code {clusterIdentifier}-N}. */
    @Override
    public String instanceNamePattern() {
        return instanceNamePattern;
    }
}
