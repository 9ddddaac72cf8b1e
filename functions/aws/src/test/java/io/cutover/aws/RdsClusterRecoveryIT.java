package io.cutover.aws;

import io.cutover.aws.testing.FormBody;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.cutover.core.port.cloud.BacktrackResult;
import io.cutover.core.port.cloud.ClusterFacts;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.PointInTimeRestoreResult;
import io.cutover.core.port.cloud.RecoveryRefusedException;
import io.cutover.core.port.cloud.SnapshotResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdsClusterRecoveryIT extends WireMockAwsTest {
    private static final String NS = "http://rds.amazonaws.com/doc/2014-10-31/";
    private static final Instant LATEST = Instant.parse("2026-05-04T10:00:00Z");
    private static final Instant EARLIEST_BACKTRACK = Instant.parse("2026-05-03T10:00:00Z");

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
    void restoreToPointInTime_restoresIntoANewClusterInTheSourcePlacement_andAddsAWriterOfTheSourceWritersClass() {
        // GIVEN the source cluster and its writer instance
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        wireMock.stubFor(queryCall("DescribeDBInstances").willReturn(xml("""
                <DescribeDBInstancesResponse xmlns="%s"><DescribeDBInstancesResult><DBInstances><DBInstance>
                  <DBInstanceIdentifier>orders-aurora-1</DBInstanceIdentifier><DBInstanceClass>db.r6g.xlarge</DBInstanceClass>
                  <Engine>aurora-postgresql</Engine><DBInstanceStatus>available</DBInstanceStatus>
                  <DBClusterIdentifier>orders-aurora</DBClusterIdentifier>
                  <DBParameterGroups><DBParameterGroup><DBParameterGroupName>orders-instance-params</DBParameterGroupName>
                  <ParameterApplyStatus>in-sync</ParameterApplyStatus></DBParameterGroup></DBParameterGroups>
                </DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>""".formatted(NS))));
        wireMock.stubFor(queryCall("RestoreDBClusterToPointInTime").willReturn(xml("""
                <RestoreDBClusterToPointInTimeResponse xmlns="%s"><RestoreDBClusterToPointInTimeResult><DBCluster>
                  <DBClusterIdentifier>orders-aurora-restored</DBClusterIdentifier><Engine>aurora-postgresql</Engine>
                  <Status>creating</Status></DBCluster></RestoreDBClusterToPointInTimeResult>
                </RestoreDBClusterToPointInTimeResponse>""".formatted(NS))));
        wireMock.stubFor(queryCall("CreateDBInstance").willReturn(xml("""
                <CreateDBInstanceResponse xmlns="%s"><CreateDBInstanceResult><DBInstance>
                  <DBInstanceIdentifier>orders-aurora-restored-writer</DBInstanceIdentifier>
                  <DBInstanceStatus>creating</DBInstanceStatus></DBInstance></CreateDBInstanceResult>
                </CreateDBInstanceResponse>""".formatted(NS))));

        // WHEN
        PointInTimeRestoreResult result = recovery().restoreToPointInTime(
                PointInTimeRestore.latest("orders-aurora", "orders-aurora-restored"));

        // THEN the restore targets the latest restorable time, in the source's subnets and security groups
        Map<String, String> restore = FormBody.parse(queryRequests("RestoreDBClusterToPointInTime").getFirst().getBodyAsString());
        assertThat(restore).containsEntry("SourceDBClusterIdentifier", "orders-aurora")
                .containsEntry("DBClusterIdentifier", "orders-aurora-restored")
                .containsEntry("UseLatestRestorableTime", "true")
                .containsEntry("DBSubnetGroupName", "orders-subnets")
                .containsEntry("VpcSecurityGroupIds.VpcSecurityGroupId.1", "sg-0a1b2c3d")
                .containsEntry("DBClusterParameterGroupName", "orders-cluster-params")
                .doesNotContainKey("RestoreToTime");
        // AND one writer instance of the source writer's class joins the new cluster
        Map<String, String> instance = FormBody.parse(queryRequests("CreateDBInstance").getFirst().getBodyAsString());
        assertThat(instance).containsEntry("DBInstanceIdentifier", "orders-aurora-restored-writer")
                .containsEntry("DBClusterIdentifier", "orders-aurora-restored")
                .containsEntry("Engine", "aurora-postgresql")
                .containsEntry("DBInstanceClass", "db.r6g.xlarge")
                .containsEntry("DBParameterGroupName", "orders-instance-params");
        assertThat(result).isEqualTo(new PointInTimeRestoreResult("orders-aurora", "orders-aurora-restored",
                "latest-restorable-time", "creating", "orders-aurora-restored-writer", "db.r6g.xlarge", false, false));
    }

    @Test
    void restoreToPointInTime_retried_reportsTheExistingClusterAndWriter_withoutASecondRestore() {
        // GIVEN the new cluster and its writer already exist (the workflow step is retried)
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));
        wireMock.stubFor(queryCall("DescribeDBClusters").withRequestBody(containing("DBClusterIdentifier=orders-aurora-restored"))
                .willReturn(clusters(postgresCluster("orders-aurora-restored").replace("<Status>available", "<Status>creating"))));
        wireMock.stubFor(queryCall("DescribeDBInstances").willReturn(xml("""
                <DescribeDBInstancesResponse xmlns="%s"><DescribeDBInstancesResult><DBInstances><DBInstance>
                  <DBInstanceIdentifier>orders-aurora-1</DBInstanceIdentifier><DBInstanceClass>db.serverless</DBInstanceClass>
                </DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>""".formatted(NS))));
        wireMock.stubFor(queryCall("RestoreDBClusterToPointInTime").willReturn(rdsError("DBClusterAlreadyExistsFault",
                "DB Cluster already exists")));
        wireMock.stubFor(queryCall("CreateDBInstance").willReturn(rdsError("DBInstanceAlreadyExists",
                "DB instance already exists")));
        Instant at = LATEST.minusSeconds(3600);

        // WHEN
        PointInTimeRestoreResult result = recovery().restoreToPointInTime(
                PointInTimeRestore.at("orders-aurora", "orders-aurora-restored", at));

        // THEN
        assertThat(result.clusterAlreadyExisted()).isTrue();
        assertThat(result.writerAlreadyExisted()).isTrue();
        assertThat(result.clusterStatus()).isEqualTo("creating");
        assertThat(result.restoredTo()).isEqualTo(at.toString());
        Map<String, String> restore = FormBody.parse(queryRequests("RestoreDBClusterToPointInTime").getFirst().getBodyAsString());
        assertThat(Instant.parse(restore.get("RestoreToTime"))).isEqualTo(at);
        assertThat(restore).doesNotContainKey("UseLatestRestorableTime");
        assertThat(restore).containsEntry("ServerlessV2ScalingConfiguration.MinCapacity", "0.5");
        assertThat(queryRequests("RestoreDBClusterToPointInTime")).hasSize(1);
    }

    @Test
    void restoreToPointInTime_isRefused_whenTheTimeIsPastTheLatestRestorableTime() {
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(clusters(postgresCluster("orders-aurora"))));

        assertThatThrownBy(() -> recovery().restoreToPointInTime(
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
                </DBCluster>""".formatted(id, LATEST);
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

    private static ResponseDefinitionBuilder rdsError(String code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                <RequestId>a1b2c3d4-0000-4000-8000-000000000000</RequestId></ErrorResponse>""".formatted(NS, code, message));
    }
}
