package io.cutover.cdk.construct;

import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.IConstruct;

/**
 * The Aurora target as the rest of the app sees it, whether the data stack creates it ({@link AuroraTarget}) or
 * imports a cluster made elsewhere ({@link ExistingAuroraTarget}): DMS, the functions, backups, alarms, IAM
 * statements and the stored cutover config use only this.
 */
public interface TargetDatabase {

    /** The login the functions and DMS use. */
    ISecret secret();

    /** The customer-managed KMS key that encrypts {@link #secret()}; null when it is AWS-managed. */
    String secretKeyArn();

    /**
     * The customer-managed KMS key that encrypts the cluster's storage, which a point-in-time restore creates a grant
     * on; null when the stack does not know it (an existing cluster's owner chose it).
     */
    String storageKeyArn();

    int port();

    /** Host name of the cluster (writer) endpoint. */
    String writerHost();

    /** Host name of the reader endpoint. */
    String readerHost();

    /** What AWS Backup selects. */
    String clusterArn();

    /** The cluster's DB subnet group, which a point-in-time restore reuses; null when not known (no pitr). */
    String subnetGroupName();

    /** The cluster's DB cluster parameter group, which a point-in-time restore reuses; null when not known. */
    String parameterGroupName();

    /**
     * The cluster's DB instances as the name part of an RDS ARN, for {@code rds:DescribeDBInstances}: a prefix
     * pattern when the stack names them, {@code *} when the cluster's owner does.
     */
    String instanceNamePattern();

    /** Opens the database port to a security group (the cutover clients, DMS). */
    void allowFrom(ISecurityGroup peer, String description);

    /** Makes {@code dependent} wait for the cluster when the stack creates it; nothing to wait for otherwise. */
    void mustExistBefore(IConstruct dependent);
}
