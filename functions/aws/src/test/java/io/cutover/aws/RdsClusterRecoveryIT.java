package io.cutover.aws;

import io.cutover.aws.testing.FormBody;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.cutover.core.port.cloud.BacktrackResult;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.aws.testing.RdsRestoreStub;
import io.cutover.core.port.cloud.AwsResourceMissingException;
import io.cutover.core.port.cloud.InstanceFacts;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.PointInTimeRestoreResult;
import io.cutover.core.port.cloud.RecoveryRefusedException;
import io.cutover.core.port.cloud.RestoreNotReadyException;
import io.cutover.core.port.cloud.RestoredWriter;
import io.cutover.core.port.cloud.SnapshotResult;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.InvalidDbClusterStateException;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdsClusterRecoveryIT extends WireMockAwsTest {
    private static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final Instant LATEST = Instant.parse("2026-05-04T10:00:00Z");
    private static final Instant EARLIEST_BACKTRACK = Instant.parse("2026-05-03T10:00:00Z");
    private static final String RESTORED = "orders-aurora-restored";
    private static final String WRITER = "orders-aurora-restored-writer";
    private static final String KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-0000-4000-8000-000000000000";

    private RdsClusterRecovery recovery() {
        return new RdsClusterRecovery(clients::rds);
    }

    @Test
    void describe_reportsEngineStatusWindowsAndWriter() {
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));

        ClusterFacts facts = recovery().describe("orders-aurora");

        assertThat(facts).isEqualTo(new ClusterFacts("orders-aurora", "aurora-postgresql", "available", 0, null,
                LATEST, "orders-aurora-1"));
        assertThat(FormBody.parse(queryRequests("DescribeDBClusters").getFirst().getBodyAsString()))
                .containsEntry("DBClusterIdentifier", "orders-aurora");
    }

    @Test
    void backtrack_onAuroraPostgresql_isRefusedWithThePitrHint_andSendsNoBacktrack() {
        // GIVEN an Aurora PostgreSQL cluster
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        wireMock.stubFor(queryCall("BacktrackDBCluster").willReturn(xml(backtrackResponse())));

        // WHEN / THEN
        assertThatThrownBy(() -> recovery().backtrack("orders-aurora", LATEST.minusSeconds(600)))
                .isInstanceOfSatisfying(RecoveryRefusedException.class, e -> {
                    assertThat(e.engine()).isEqualTo("aurora-postgresql");
                    assertThat(e.getMessage()).contains("Backtrack exists only for Aurora MySQL", "orders-aurora",
                            "point-in-time restore", "pitr");
                });
        assertThat(queryRequests("BacktrackDBCluster")).isEmpty();
    }

    @Test
    void backtrack_onAuroraMysqlWithoutBacktrackEnabled_isRefused_andSendsNoBacktrack() {
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(mysqlCluster(0))));

        assertThatThrownBy(() -> recovery().backtrack("orders-mysql", LATEST.minusSeconds(600)))
                .isInstanceOf(RecoveryRefusedException.class).hasMessageContaining("not enabled");
        assertThat(queryRequests("BacktrackDBCluster")).isEmpty();
    }

    @Test
    void backtrack_onAuroraMysql_sendsBacktrackDbCluster() {
        // GIVEN an Aurora MySQL cluster with a 24 h backtrack window
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(mysqlCluster(86400))));
        wireMock.stubFor(queryCall("BacktrackDBCluster").willReturn(xml(backtrackResponse())));
        Instant to = Instant.parse("2026-05-04T09:50:00Z");

        // WHEN
        BacktrackResult result = recovery().backtrack("orders-mysql", to);

        // THEN
        assertThat(result).isEqualTo(new BacktrackResult("orders-mysql", to, "b7a3e2f0-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "pending"));
        Map<String, String> sent = FormBody.parse(queryRequests("BacktrackDBCluster").getFirst().getBodyAsString());
        assertThat(sent).containsEntry("DBClusterIdentifier", "orders-mysql");
        assertThat(Instant.parse(sent.get("BacktrackTo"))).isEqualTo(to);
    }

    @Test
    void startPointInTimeRestore_copiesTheSourcesSettings_andCreatesNoInstanceYet() {
        // GIVEN the source cluster (encrypted, IAM auth on, port 5433, two log exports) and its writer instance
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        givenSourceWriter();
        RdsRestoreStub restore = RdsRestoreStub.install(wireMock, RESTORED, WRITER, "aurora-postgresql", 2, 1);

        // WHEN
        PointInTimeRestoreResult result = recovery().startPointInTimeRestore(
                PointInTimeRestore.latest("orders-aurora", RESTORED));

        // THEN the restore targets the latest restorable time, with every setting the clients rely on
        Map<String, String> sent = FormBody.parse(queryRequests("RestoreDBClusterToPointInTime").getFirst()
                .getBodyAsString());
        assertThat(sent).containsEntry("SourceDBClusterIdentifier", "orders-aurora")
                .containsEntry("DBClusterIdentifier", RESTORED)
                .containsEntry("UseLatestRestorableTime", "true")
                .containsEntry("DBSubnetGroupName", "orders-subnets")
                .containsEntry("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0a1b2c3d")
                .containsEntry("DBClusterParameterGroupName", "orders-cluster-params")
                .containsEntry("Port", "5433")
                .containsEntry("EnableIAMDatabaseAuthentication", "true")
                .containsEntry("EnableCloudwatchLogsExports.member.1", "postgresql")
                .containsEntry("EnableCloudwatchLogsExports.member.2", "iam-db-auth-error")
                .containsEntry("KmsKeyId", KMS_KEY)
                .containsEntry("DeletionProtection", "true")
                .containsEntry("CopyTagsToSnapshot", "true")
                .doesNotContainKey("RestoreToTime");
        // AND no instance is asked for: RDS would refuse it until the cluster is available
        assertThat(queryRequests("CreateDBInstance")).isEmpty();
        assertThat(result).isEqualTo(new PointInTimeRestoreResult("orders-aurora", RESTORED,
                "latest-restorable-time", "creating", false));
        assertThat(restore.state()).isEqualTo("creating-2");
    }

    @Test
    void startPointInTimeRestore_repeated_reportsTheExistingCluster_withoutASecondRestore() {
        // GIVEN the restore was already started (the workflow step runs again)
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        wireMock.stubFor(queryCall("DescribeDBInstances").willReturn(xml("""
                <DescribeDBInstancesResponse xmlns="%s"><DescribeDBInstancesResult><DBInstances><DBInstance>
                  <DBInstanceIdentifier>orders-aurora-1</DBInstanceIdentifier><DBInstanceClass>db.serverless</DBInstanceClass>
                </DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>""".formatted(NS))));
        RdsRestoreStub.install(wireMock, RESTORED, WRITER, "aurora-postgresql", 3, 1);
        Instant at = LATEST.minusSeconds(3600);
        recovery().startPointInTimeRestore(PointInTimeRestore.at("orders-aurora", RESTORED, at));

        // WHEN
        PointInTimeRestoreResult again = recovery().startPointInTimeRestore(
                PointInTimeRestore.at("orders-aurora", RESTORED, at));

        // THEN RDS refused the second request as it does (DBClusterAlreadyExistsFault) and the step goes on
        assertThat(again.clusterAlreadyExisted()).isTrue();
        assertThat(again.clusterStatus()).isEqualTo("creating");
        assertThat(again.restoredTo()).isEqualTo(at.toString());
        Map<String, String> sent = FormBody.parse(queryRequests("RestoreDBClusterToPointInTime").getFirst()
                .getBodyAsString());
        assertThat(Instant.parse(sent.get("RestoreToTime"))).isEqualTo(at);
        assertThat(sent).doesNotContainKey("UseLatestRestorableTime")
                .containsEntry("ServerlessV2ScalingConfiguration.MinCapacity", "0.5");
    }

    @Test
    void theStub_refusesAnInstanceInACreatingCluster_asRdsDoes() {
        // GIVEN a restore under way
        RdsRestoreStub.install(wireMock, RESTORED, WRITER, "aurora-postgresql", 2, 1);
        clients.rds().restoreDBClusterToPointInTime(r -> r.sourceDBClusterIdentifier("orders-aurora")
                .dbClusterIdentifier(RESTORED).useLatestRestorableTime(true));

        // WHEN an instance is asked for at once, as main did / THEN RDS's own error, HTTP 400
        assertThatThrownBy(() -> clients.rds().createDBInstance(r -> r.dbInstanceIdentifier(WRITER)
                .dbClusterIdentifier(RESTORED).engine("aurora-postgresql").dbInstanceClass("db.r6g.xlarge")))
                .isInstanceOfSatisfying(InvalidDbClusterStateException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDBClusterStateFault");
                });
    }

    @Test
    void createRestoredWriter_whileTheClusterIsCreating_isRefused_andSendsNoCreateDbInstance() {
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        givenSourceWriter();
        RdsRestoreStub.install(wireMock, RESTORED, WRITER, "aurora-postgresql", 2, 1);
        recovery().startPointInTimeRestore(PointInTimeRestore.latest("orders-aurora", RESTORED));

        assertThatThrownBy(() -> recovery().createRestoredWriter(PointInTimeRestore.latest("orders-aurora", RESTORED)))
                .isInstanceOf(RestoreNotReadyException.class).hasMessageContaining(RESTORED + " is creating");
        assertThat(queryRequests("CreateDBInstance")).isEmpty();
    }

    @Test
    void createRestoredWriter_whenRdsSaysTheClusterIsNotAvailable_isRefused_asNotReady() {
        // GIVEN the cluster looked available but changed state before the call (RDS answers the call with the fault)
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        givenSourceWriter();
        wireMock.stubFor(queryCall("CreateDBInstance").willReturn(RdsRestoreStub.error(400,
                "InvalidDBClusterStateFault", "DB cluster is not currently in the available state.")));

        assertThatThrownBy(() -> recovery().createRestoredWriter(PointInTimeRestore.latest("orders-aurora",
                "orders-aurora-copy"))).isInstanceOf(RestoreNotReadyException.class)
                .hasMessageContaining("InvalidDBClusterStateFault");
        assertThat(queryRequests("CreateDBInstance")).hasSize(1);
    }

    @Test
    void restore_wholeLifecycle_addsAPrivateWriterOfTheSourceClass_onlyOnceTheClusterIsAvailable() {
        // GIVEN a restore that RDS reports creating twice, then available; a writer creating once, then available
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        givenSourceWriter();
        RdsRestoreStub.install(wireMock, RESTORED, WRITER, "aurora-postgresql", 2, 1);
        PointInTimeRestore request = PointInTimeRestore.latest("orders-aurora", RESTORED);
        recovery().startPointInTimeRestore(request);

        // WHEN the workflow polls the cluster until available, adds the writer, polls it until available
        assertThat(recovery().describe(RESTORED).status()).isEqualTo("creating");
        assertThat(recovery().describe(RESTORED).status()).isEqualTo("creating");
        assertThat(recovery().describe(RESTORED).status()).isEqualTo("available");
        RestoredWriter writer = recovery().createRestoredWriter(request);
        InstanceFacts first = recovery().describeInstance(WRITER);
        InstanceFacts second = recovery().describeInstance(WRITER);
        RestoredWriter again = recovery().createRestoredWriter(request);

        // THEN one writer of the source writer's class, parameter group and CA, never publicly accessible
        Map<String, String> instance = FormBody.parse(queryRequests("CreateDBInstance").getFirst().getBodyAsString());
        assertThat(instance).containsEntry("DBInstanceIdentifier", WRITER)
                .containsEntry("DBClusterIdentifier", RESTORED)
                .containsEntry("Engine", "aurora-postgresql")
                .containsEntry("DBInstanceClass", "db.r6g.xlarge")
                .containsEntry("DBParameterGroupName", "orders-instance-params")
                .containsEntry("CACertificateIdentifier", "rds-ca-rsa2048-g1")
                .containsEntry("PubliclyAccessible", "false");
        assertThat(writer).isEqualTo(new RestoredWriter(RESTORED, WRITER, "db.r6g.xlarge", "creating", false));
        assertThat(first).isEqualTo(new InstanceFacts(WRITER, RESTORED, "creating", false));
        assertThat(second.status()).isEqualTo("available");
        // AND a repeated step creates nothing more
        assertThat(again.alreadyExisted()).isTrue();
        assertThat(again.status()).isEqualTo("available");
        assertThat(queryRequests("RestoreDBClusterToPointInTime")).hasSize(1);
    }

    @Test
    void describeInstance_ofAnInstanceRdsDoesNotHave_isAMissingResource() {
        RdsRestoreStub.install(wireMock, RESTORED, WRITER, "aurora-postgresql", 1, 1);

        assertThatThrownBy(() -> recovery().describeInstance(WRITER)).isInstanceOf(AwsResourceMissingException.class)
                .hasMessageContaining(WRITER);
    }

    @Test
    void restoreToPointInTime_isRefused_whenTheTimeIsPastTheLatestRestorableTime() {
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));

        assertThatThrownBy(() -> recovery().startPointInTimeRestore(
                PointInTimeRestore.at("orders-aurora", "orders-aurora-restored", LATEST.plusSeconds(60))))
                .isInstanceOf(RecoveryRefusedException.class).hasMessageContaining(LATEST.toString());
        assertThat(queryRequests("RestoreDBClusterToPointInTime")).isEmpty();
    }

    @Test
    void snapshotInstance_sendsCreateDbSnapshot() {
        wireMock.stubFor(queryCall("CreateDBSnapshot").willReturn(xml("""
                <CreateDBSnapshotResponse xmlns="%s"><CreateDBSnapshotResult><DBSnapshot>
                  <DBSnapshotIdentifier>orders-pg-before-cutover-1</DBSnapshotIdentifier>
                  <DBInstanceIdentifier>orders-pg</DBInstanceIdentifier><Engine>postgres</Engine><Status>creating</Status>
                </DBSnapshot></CreateDBSnapshotResult></CreateDBSnapshotResponse>""".formatted(NS))));

        SnapshotResult result = recovery().snapshotInstance("orders-pg", "orders-pg-before-cutover-1");

        assertThat(result).isEqualTo(new SnapshotResult("orders-pg", "orders-pg-before-cutover-1", "creating", false));
        assertThat(FormBody.parse(queryRequests("CreateDBSnapshot").getFirst().getBodyAsString()))
                .containsEntry("DBInstanceIdentifier", "orders-pg")
                .containsEntry("DBSnapshotIdentifier", "orders-pg-before-cutover-1");
    }

    private void givenSourceWriter() {
        wireMock.stubFor(queryCall("DescribeDBInstances").willReturn(xml("""
                <DescribeDBInstancesResponse xmlns="%s"><DescribeDBInstancesResult><DBInstances><DBInstance>
                  <DBInstanceIdentifier>orders-aurora-1</DBInstanceIdentifier><DBInstanceClass>db.r6g.xlarge</DBInstanceClass>
                  <Engine>aurora-postgresql</Engine><DBInstanceStatus>available</DBInstanceStatus>
                  <DBClusterIdentifier>orders-aurora</DBClusterIdentifier><CACertificateIdentifier>rds-ca-rsa2048-g1</CACertificateIdentifier>
                  <DBParameterGroups><DBParameterGroup><DBParameterGroupName>orders-instance-params</DBParameterGroupName>
                  <ParameterApplyStatus>in-sync</ParameterApplyStatus></DBParameterGroup></DBParameterGroups>
                </DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>""".formatted(NS))));
    }

    private static ResponseDefinitionBuilder clusters(String cluster) {
        return xml("""
                <DescribeDBClustersResponse xmlns="%s">
                  <DescribeDBClustersResult><DBClusters>%s</DBClusters></DescribeDBClustersResult>
                  <ResponseMetadata><RequestId>d6c5a1b2-0000-4000-8000-000000000000</RequestId></ResponseMetadata>
                </DescribeDBClustersResponse>""".formatted(NS, cluster));
    }

    private static String postgresCluster(String id) {
        return """
                <DBCluster>
                  <DBClusterIdentifier>%s</DBClusterIdentifier>
                  <Engine>aurora-postgresql</Engine><EngineVersion>16.4</EngineVersion>
                  <Status>available</Status>
                  <LatestRestorableTime>%s</LatestRestorableTime>
                  <DBSubnetGroup>orders-subnets</DBSubnetGroup>
                  <DBClusterParameterGroup>orders-cluster-params</DBClusterParameterGroup>
                  <VpcSecurityGroups><VpcSecurityGroupMembership><VpcSecurityGroupId>sg-0a1b2c3d</VpcSecurityGroupId>
                    <Status>active</Status></VpcSecurityGroupMembership></VpcSecurityGroups>
                  <DBClusterMembers>
                    <DBClusterMember><DBInstanceIdentifier>orders-aurora-2</DBInstanceIdentifier><IsClusterWriter>false</IsClusterWriter></DBClusterMember>
                    <DBClusterMember><DBInstanceIdentifier>orders-aurora-1</DBInstanceIdentifier><IsClusterWriter>true</IsClusterWriter></DBClusterMember>
                  </DBClusterMembers>
                  <ServerlessV2ScalingConfiguration><MinCapacity>0.5</MinCapacity><MaxCapacity>16.0</MaxCapacity></ServerlessV2ScalingConfiguration>
                  <CopyTagsToSnapshot>true</CopyTagsToSnapshot><DeletionProtection>true</DeletionProtection>
                  <Port>5433</Port><IAMDatabaseAuthenticationEnabled>true</IAMDatabaseAuthenticationEnabled>
                  <EnabledCloudwatchLogsExports><member>postgresql</member><member>iam-db-auth-error</member></EnabledCloudwatchLogsExports>
                  <StorageEncrypted>true</StorageEncrypted><KmsKeyId>%s</KmsKeyId>
                </DBCluster>""".formatted(id, LATEST, KMS_KEY);
    }

    private static String mysqlCluster(long backtrackWindow) {
        return """
                <DBCluster>
                  <DBClusterIdentifier>orders-mysql</DBClusterIdentifier>
                  <Engine>aurora-mysql</Engine><Status>available</Status>
                  <LatestRestorableTime>%s</LatestRestorableTime>
                  <BacktrackWindow>%d</BacktrackWindow>%s
                </DBCluster>""".formatted(LATEST, backtrackWindow,
                backtrackWindow > 0 ? "<EarliestBacktrackTime>" + EARLIEST_BACKTRACK + "</EarliestBacktrackTime>" : "");
    }

    private static String backtrackResponse() {
        return """
                <BacktrackDBClusterResponse xmlns="%s"><BacktrackDBClusterResult>
                  <DBClusterIdentifier>orders-mysql</DBClusterIdentifier>
                  <BacktrackIdentifier>b7a3e2f0-1c2d-4e5f-8a9b-0c1d2e3f4a5b</BacktrackIdentifier>
                  <BacktrackTo>2026-05-04T09:50:00Z</BacktrackTo>
                  <Status>pending</Status>
                </BacktrackDBClusterResult></BacktrackDBClusterResponse>""".formatted(NS);
    }
}
