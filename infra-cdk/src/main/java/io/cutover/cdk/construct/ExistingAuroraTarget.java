package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import io.cutover.cdk.config.DeploymentConfig.ExistingCluster;
import java.util.Objects;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * An Aurora cluster made elsewhere, used as the target. Nothing of the cluster is created or changed: no
 * instances, parameter or subnet groups, login or log groups; its backups, deletion protection and parameters
 * stay its owner's. The cluster, its login and one of its security groups are imported by id, and the only
 * resources this construct adds are ingress rules on that security group
 * ({@code AWS::EC2::SecurityGroupIngress}, removed again with the stack) for the cutover clients and DMS.
 */
public final class ExistingAuroraTarget extends Construct implements TargetDatabase {

    /** @param port the cluster's port (the loader defaults it to the engine's) */
    public record Props(CutoverNames names, ExistingCluster cluster, int port) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(cluster.clusterIdentifier(), "cluster.clusterIdentifier");
            Objects.requireNonNull(cluster.writerEndpoint(), "cluster.writerEndpoint");
            Objects.requireNonNull(cluster.readerEndpoint(), "cluster.readerEndpoint");
            Objects.requireNonNull(cluster.securityGroupId(), "cluster.securityGroupId");
            Objects.requireNonNull(cluster.secretArn(), "cluster.secretArn");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private ExistingCluster cluster;
            private int port;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder cluster(ExistingCluster cluster) {
                this.cluster = cluster;
                return this;
            }

            public Builder port(int port) {
                this.port = port;
                return this;
            }

            public Props build() {
                return new Props(names, cluster, port);
            }
        }
    }

    private final Props props;
    private final ISecurityGroup securityGroup;
    private final ISecret secret;

    public ExistingAuroraTarget(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        ExistingCluster existing = props.cluster();
        // Imported as mutable: rules added to it become AWS::EC2::SecurityGroupIngress resources of this stack.
        this.securityGroup = SecurityGroup.fromSecurityGroupId(this, "SecurityGroup", existing.securityGroupId());
        this.secret = Secret.fromSecretCompleteArn(this, "Secret", existing.secretArn());
    }

    /** Adds an ingress rule to the cluster's security group, saying which stack owns it. */
    @Override
    public void allowFrom(ISecurityGroup peer, String description) {
        securityGroup.addIngressRule(peer, Port.tcp(props.port()),
                description + " (added by stack " + props.names().dataStackName() + ")");
    }

    /** The cluster exists before this stack does. */
    @Override
    public void mustExistBefore(IConstruct dependent) {
    }

    @Override
    public ISecret secret() {
        return secret;
    }

    /** The deployment config does not name the existing cluster's storage key. */
    @Override
    public String storageKeyArn() {
        return null;
    }

    @Override
    public String secretKeyArn() {
        return props.cluster().secretKmsKeyArn();
    }

    @Override
    public int port() {
        return props.port();
    }

    @Override
    public String writerHost() {
        return props.cluster().writerEndpoint();
    }

    @Override
    public String readerHost() {
        return props.cluster().readerEndpoint();
    }

    /** Built from account, region and identifier, so the backup selection names the cluster plainly. */
    @Override
    public String clusterArn() {
        return props.names().rdsClusterArn(props.cluster().clusterIdentifier());
    }

    @Override
    public String subnetGroupName() {
        return props.cluster().subnetGroupName();
    }

    @Override
    public String parameterGroupName() {
        return props.cluster().clusterParameterGroupName();
    }

    /**
     * Every instance: the owner names them, and adds or replaces them without telling this stack, so a list or
     * prefix fixed at deployment could miss the writer exactly when a rollback needs it.
     */
    @Override
    public String instanceNamePattern() {
        return "*";
    }
}
