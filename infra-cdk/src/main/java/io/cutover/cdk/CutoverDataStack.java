package io.cutover.cdk;

import io.cutover.cdk.config.DeploymentConfig;
import io.cutover.cdk.construct.AuroraTarget;
import io.cutover.cdk.construct.CutoverNetwork;
import io.cutover.cdk.construct.DmsReplication;
import io.cutover.cdk.construct.ExistingAuroraTarget;
import io.cutover.cdk.construct.TargetBackup;
import io.cutover.cdk.construct.TargetDatabase;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The long-lived half: network, the Aurora target, DMS, backups. It changes rarely and holds data, so
 * it is a stack of its own; the control stack reads from it, never the other way round. The target is
 * created here, or, with {@code database.existingCluster}, imported: then only ingress rules on the
 * cluster's security group are added to it.
 */
public final class CutoverDataStack extends Stack {
    private final CutoverNetwork network;
    private final Key dataKey;
    private final SecurityGroup databaseClients;
    private final TargetDatabase aurora;
    private final DmsReplication dms;
    private final List<String> loginKeyArns;

    public CutoverDataStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
        super(scope, id, props);
        CutoverNames names = CutoverNames.of(config);
        String clusterId = config.cutover().target().clusterIdentifier();

        this.network = new CutoverNetwork(this, "Network", CutoverNetwork.Props.builder()
                .network(config.network())
                .flowLogRetentionDays(config.database().logRetentionDays())
                .build());

        this.dataKey = Key.Builder.create(this, "DataKey")
                .description((config.database().createsCluster()
                        ? "Encrypts the Aurora target, its login, DMS and the target's backups of "
                        : "Encrypts DMS and the existing Aurora target's backups of ") + names.prefix())
                .alias("alias/" + names.prefix() + "-data")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        this.databaseClients = SecurityGroup.Builder.create(this, "DatabaseClients")
                .vpc(network.vpc())
                .description("Cutover functions that open database connections (source and target)")
                .allowAllOutbound(true)
                .build();
        network.allowApiEndpointsFrom(databaseClients);

        this.aurora = target(config, names, clusterId);
        // The AWS-managed key needs no grant, so a secret using it adds nothing; DMS and the functions use the list.
        this.loginKeyArns = Stream.of(aurora.secretKeyArn(), config.sourceSecretKmsKeyArn()).filter(Objects::nonNull)
                .toList();
        aurora.allowFrom(databaseClients, "cutover functions");

        if (config.usesDms()) {
            this.dms = new DmsReplication(this, "Dms", DmsReplication.Props.builder()
                    .names(names)
                    .dms(config.dms())
                    .targetEngine(config.engine())
                    .vpc(network.vpc())
                    .subnets(network.privateSubnets())
                    .key(dataKey)
                    .sourceSecretArn(config.cutover().databases().source().secretArn())
                    .targetSecret(aurora.secret())
                    .loginKeyArns(loginKeyArns())
                    .targetDatabaseName(config.database().databaseName())
                    .build());
            aurora.allowFrom(dms.securityGroup(), "DMS replication instance");
            // DMS tests the target endpoint's login when it is created.
            aurora.mustExistBefore(dms);
            CfnOutput.Builder.create(this, "DmsTaskArn").value(config.createdDmsTaskArn())
                    .description("ARN of the created DMS task (start it with aws dms start-replication-task)").build();
        } else {
            this.dms = null;
        }

        if (config.backup().enabled()) {
            new TargetBackup(this, "Backup", TargetBackup.Props.builder()
                    .names(names)
                    .settings(config.backup())
                    .clusterArn(aurora.clusterArn())
                    .key(dataKey)
                    .build());
        }

        CfnOutput.Builder.create(this, "ClusterEndpoint").value(aurora.writerHost()).build();
        CfnOutput.Builder.create(this, "ReaderEndpoint").value(aurora.readerHost()).build();
        CfnOutput.Builder.create(this, "TargetSecretArn").value(aurora.secret().getSecretArn()).build();
        CfnOutput.Builder.create(this, "DatabaseClientsSecurityGroupId")
                .value(databaseClients.getSecurityGroupId())
                .description("Allow this group on the source database's port so the cutover can fence and drain it")
                .build();
    }

    private TargetDatabase target(DeploymentConfig config, CutoverNames names, String clusterId) {
        if (!config.database().createsCluster()) {
            return new ExistingAuroraTarget(this, "Target", ExistingAuroraTarget.Props.builder()
                    .names(names)
                    .cluster(config.database().existingCluster())
                    .port(config.database().port())
                    .build());
        }
        return new AuroraTarget(this, "Target", AuroraTarget.Props.builder()
                .names(names)
                .engine(config.engine())
                .clusterIdentifier(clusterId)
                .database(config.database())
                .vpc(network.vpc())
                .subnets(network.privateSubnetSelection())
                .availabilityZones(config.network().availabilityZones())
                .key(dataKey)
                .build());
    }

    public CutoverNetwork network() {
        return network;
    }

    /** The customer-managed KMS keys of the target's and the source's login secrets, in that order. */
    public List<String> loginKeyArns() {
        return loginKeyArns;
    }

    /** Security group of the functions that connect to the databases; allowed into the target. */
    public SecurityGroup databaseClients() {
        return databaseClients;
    }

    /** The created or the imported (existing) cluster. */
    public TargetDatabase aurora() {
        return aurora;
    }

    /** Null when the cutover replicates natively. */
    public DmsReplication dms() {
        return dms;
    }
}
