package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.DB_NAME;
import static io.cutover.cdk.config.CommonFields.KMS_KEY_ARN;
import static io.cutover.cdk.config.CommonFields.inCutover;
import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.jdbcDatabase;

import io.cutover.cdk.config.DeploymentConfig.Database;
import io.cutover.cdk.config.DeploymentConfig.Environment;
import io.cutover.cdk.config.DeploymentConfig.ExistingCluster;
import io.cutover.cdk.config.DeploymentConfig.Network;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.config.TargetCluster;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code database.existingCluster}: an Aurora cluster made elsewhere that the stack imports. Its endpoints, login
 * and restore names are checked against the cluster the cutover config names, since every alarm, IAM statement
 * and recovery acts on that one.
 */
final class ExistingClusterSection {
    /** A DNS host name in lower case: labels of letters, digits and inner hyphens; no scheme, port or path. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    /** An Aurora cluster, reader or custom endpoint: NAME.cluster-[ro-|custom-]ID.REGION.rds.amazonaws.com[.cn]. */
    private static final Pattern AURORA_ENDPOINT = Pattern.compile(
            "([a-z0-9-]+)\\.cluster-(ro-|custom-)?[a-z0-9]+\\.([a-z0-9-]+)\\.rds\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
    /** A complete secret ARN: the name, then the hyphen and six characters Secrets Manager appends. */
    private static final Pattern SECRET_COMPLETE_ARN = Pattern.compile(
            "arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\\d{12}:secret:([A-Za-z0-9/_+=.@!-]+)-[A-Za-z0-9]{6}");
    /** Secrets RDS manages for a cluster's master user are named rds!cluster-... and hold no host or port. */
    private static final String RDS_MANAGED_SECRET_PREFIX = "rds!";
    private static final Pattern SUBNET_GROUP_NAME = Pattern.compile("[a-z0-9._ -]{1,255}");
    private static final Pattern CLUSTER_PARAMETER_GROUP_NAME = Pattern.compile("[a-z][a-z0-9.-]{0,254}");
    /** The database fields that configure a cluster the stack creates; with existingCluster they are refused. */
    private static final List<String> CREATED_CLUSTER_FIELDS = List.of("engineVersion", "instanceClass", "readers",
            "port", "masterUsername", "backupRetentionDays", "preferredBackupWindow", "backtrackWindowSeconds",
            "logicalReplication", "logRetentionDays");

    private ExistingClusterSection() {
    }

    /**
     * {@code database} with {@code existingCluster}: the stack creates no cluster, so the fields that would configure
     * one are refused rather than ignored, and the cluster's description is checked against the cutover config.
     */
    static Database parse(JsonFields f, Obj d, CutoverConfig cutover, Path cutoverFile,
                          Environment env, Network network) {
        String inCutover = inCutover(cutoverFile);
        Obj e = d.optionalObject("existingCluster", "clusterIdentifier", "writerEndpoint", "readerEndpoint", "port",
                "securityGroupId", "secretArn", "secretKmsKeyArn", "subnetGroupName", "clusterParameterGroupName");
        for (String field : CREATED_CLUSTER_FIELDS) {
            if (d.present(field)) {
                f.report(d.path(field), d.raw(field), "absent: database.existingCluster is set, so this stack creates"
                        + " no cluster and " + field + " stays the existing cluster's own setting"
                        + ("port".equals(field) ? " (give its port as database.existingCluster.port)" : "")
                        + "; with existingCluster, database allows only existingCluster and databaseName");
            }
        }
        boolean dmsReplication = cutover.replication().kind() == ReplicationKind.DMS;
        if (!dmsReplication && d.present("databaseName")) {
            f.report(d.path("databaseName"), d.raw("databaseName"), "absent: with database.existingCluster it only"
                    + " names the database DMS writes into, and the cutover config's replication.kind is \"native\"");
        }
        String name = d.optionalText("databaseName", DB_NAME, "a database name",
                jdbcDatabase(cutover.databases().target().jdbcUrl()));
        if (network != null && network.createsVpc()) {
            f.report("network.newVpc", "{...}", "network.existingVpc, the VPC of database.existingCluster: the"
                    + " functions and DMS must reach the cluster, and its security group admits only groups of its own"
                    + " (or a peered) VPC, which a VPC created by this stack cannot be");
        }
        if (e == null) {
            return null;
        }
        String region = env == null ? null : env.region();
        String id = e.text("clusterIdentifier", TargetCluster.RDS_IDENTIFIER, "the Aurora DB cluster identifier as RDS"
                + " shows it: " + TargetCluster.RDS_IDENTIFIER_TEXT);
        String configuredId = cutover.target().clusterIdentifier();
        if (id != null && !id.equals(configuredId)) {
            f.report(e.path("clusterIdentifier"), e.raw("clusterIdentifier"), "\"" + configuredId + "\", the cutover"
                    + " config's target.clusterIdentifier" + inCutover + ": alarms, IAM statements, backups and"
                    + " recovery all act on that cluster");
        }
        // The endpoints are checked against the cluster the cutover config names, the one everything acts on.
        String sampleRegion = region == null ? "REGION" : region;
        String writer = e.text("writerEndpoint", HOST, "the host name of the cluster (writer) endpoint, lower case,"
                + " without scheme or port, such as " + configuredId + ".cluster-abcdefghijkl." + sampleRegion
                + ".rds.amazonaws.com");
        String reader = e.text("readerEndpoint", HOST, "the host name of the reader endpoint, lower case, without"
                + " scheme or port, such as " + configuredId + ".cluster-ro-abcdefghijkl." + sampleRegion
                + ".rds.amazonaws.com");
        boolean writerValid = writer != null && isWriterEndpoint(writer, configuredId, region);
        if (writer != null && !writerValid) {
            f.report(e.path("writerEndpoint"), e.raw("writerEndpoint"), "the cluster (writer) endpoint of " + configuredId
                    + " in " + sampleRegion + " (" + configuredId + ".cluster-ID." + sampleRegion + ".rds.amazonaws.com),"
                    + " where the writes go: not a reader or custom endpoint, nor another cluster's or region's");
        }
        if (reader != null && !isReaderEndpoint(reader, configuredId, region)) {
            f.report(e.path("readerEndpoint"), e.raw("readerEndpoint"), "the reader endpoint of " + configuredId + " in "
                    + sampleRegion + " (" + configuredId + ".cluster-ro-ID." + sampleRegion + ".rds.amazonaws.com) or one of"
                    + " its custom endpoints (NAME.cluster-custom-ID." + sampleRegion + ".rds.amazonaws.com)");
        } else if (writerValid && writer.equals(reader)) {
            f.report(e.path("readerEndpoint"), e.raw("readerEndpoint"), "a host other than writerEndpoint: the"
                    + " cutover config's reader record groups are pointed at it");
        }
        Long port = e.optionalInteger("port", 1150, 65535, cutover.target().engine().defaultPort());
        String securityGroup = e.text("securityGroupId", SECURITY_GROUP_ID, "a security group id such as"
                + " sg-0a1b2c3d4e5f67890: one of the cluster's VPC security groups, to which this stack adds ingress"
                + " rules on the port for the functions and DMS");
        String secret = e.text("secretArn", SECRET_COMPLETE_ARN, "the complete ARN of a Secrets Manager secret,"
                + " ending with the hyphen and 6 characters Secrets Manager appends to the name"
                + " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf)");
        Matcher secretArn = secret == null ? null : SECRET_COMPLETE_ARN.matcher(secret);
        if (secretArn != null && secretArn.matches()) {
            if (region != null && !secretArn.group(1).equals(region)) {
                f.report(e.path("secretArn"), e.raw("secretArn"), "a secret in " + region + " (environment.region):"
                        + " DMS and the functions read it in the stack's region");
            } else if (dmsReplication && secretArn.group(2).startsWith(RDS_MANAGED_SECRET_PREFIX)) {
                f.report(e.path("secretArn"), e.raw("secretArn"), "a secret holding host, port, username and password:"
                        + " DMS cannot log in with a secret RDS manages for the master user (" + RDS_MANAGED_SECRET_PREFIX
                        + "...), which holds only username and password");
            }
        }
        String secretKey = e.optionalText("secretKmsKeyArn", KMS_KEY_ARN, "the ARN of the customer-managed KMS key"
                + " that encrypts the secret (omit it when the secret uses the AWS-managed key aws/secretsmanager)",
                null);
        boolean pitr = cutover.rollback().strategy() == RollbackStrategy.PITR;
        String subnetGroup = restoreScope(f, e, "subnetGroupName", SUBNET_GROUP_NAME, "the cluster's DB subnet group"
                + " name as RDS shows it (DBSubnetGroup in aws rds describe-db-clusters): lower-case letters, digits,"
                + " periods, underscores, spaces or hyphens", pitr, inCutover);
        String parameterGroup = restoreScope(f, e, "clusterParameterGroupName", CLUSTER_PARAMETER_GROUP_NAME,
                "the cluster's DB cluster parameter group name as RDS shows it (DBClusterParameterGroup in aws rds"
                        + " describe-db-clusters), such as default.aurora-postgresql16", pitr, inCutover);
        return new Database(null, null, 0, intValue(port), name, null, 0, null, 0, false, 0,
                new ExistingCluster(id, writer, reader, securityGroup, secret, secretKey, subnetGroup, parameterGroup));
    }

    /** The names a point-in-time restore copies from the cluster: required with pitr, refused (never ignored) else. */
    private static String restoreScope(JsonFields f, Obj e, String field, Pattern pattern, String expected,
                                       boolean pitr, String inCutover) {
        if (pitr) {
            return e.text(field, pattern, expected + "; required because rollback.strategy" + inCutover + " is"
                    + " \"pitr\": the restore into a new cluster reuses it, and the IAM statement names it");
        }
        if (e.present(field)) {
            f.report(e.path(field), e.raw(field), "absent: it only scopes the point-in-time restore's IAM statement,"
                    + " and rollback.strategy" + inCutover + " is not \"pitr\"");
        }
        return null;
    }

    /** A host outside Aurora's naming (a private DNS alias) is taken as given; an Aurora one must be the cluster's. */
    private static boolean isWriterEndpoint(String host, String clusterId, String region) {
        Matcher m = AURORA_ENDPOINT.matcher(host);
        return !m.matches() || (m.group(1).equals(clusterId) && m.group(2) == null
                && (region == null || m.group(3).equals(region)));
    }

    private static boolean isReaderEndpoint(String host, String clusterId, String region) {
        Matcher m = AURORA_ENDPOINT.matcher(host);
        return !m.matches() || (("ro-".equals(m.group(2)) && m.group(1).equals(clusterId)
                || "custom-".equals(m.group(2))) && (region == null || m.group(3).equals(region)));
    }
}
