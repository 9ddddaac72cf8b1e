package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.construct.CutoverFunctions.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The other branches of the config, synthesized once: an Aurora MySQL target with a 72-hour Backtrack
 * window as the rollback, a new VPC, DMS's account roles created, existing weighted records, and databases
 * reached with sslMode {@code require} (certificates not verified), so no CA bundle.
 */
class AuroraMysqlVariantIT {
    private static final Path CONFIG = ConfigVariant.ofExample()
            .auroraMysqlWithBacktrack()
            .newVpc()
            .deploy(d -> {
                ConfigVariant.obj(d, "dms").put("createServiceRoles", true);
                ConfigVariant.obj(d, "route53").put("createRecords", false);
                ConfigVariant.obj(d, "functions").remove("caBundle");
            })
            .cutover(c -> {
                for (String side : List.of("source", "target")) {
                    ConfigVariant.obj(c, "databases." + side).put("sslMode", "require");
                    ConfigVariant.obj(c, "databases." + side).remove("sslRootCert");
                }
            })
            .writeTo(TestPaths.module().resolve("target/test-variants"), "aurora-mysql-new-vpc");

    private final Synthesized synth = Synthesized.of(CONFIG);
    private final TemplateJson data = TemplateJson.of(synth.data());
    private final TemplateJson control = TemplateJson.of(synth.control());

    @Test
    void cluster_isAuroraMysql_withTheBacktrackWindow_andAllLogExports() {
        synth.data().hasResourceProperties("AWS::RDS::DBCluster", Match.objectLike(Map.of(
                "Engine", "aurora-mysql",
                "BacktrackWindow", 259_200,
                "Port", 3306,
                "StorageEncrypted", true,
                "EnableCloudwatchLogsExports", List.of("audit", "error", "general", "slowquery"))));
        synth.data().hasResourceProperties("AWS::RDS::DBClusterParameterGroup", Match.objectLike(Map.of(
                "Parameters", Map.of("binlog_format", "ROW", "require_secure_transport", "ON"))));
    }

    @Test
    void dmsTarget_isAuroraMysql_loggingInThroughSecretsManager() {
        synth.data().hasResourceProperties("AWS::DMS::Endpoint", Match.objectLike(Map.of(
                "EndpointType", "target",
                "EngineName", "aurora",
                "MySqlSettings", Match.objectLike(Map.of("SecretsManagerSecretId", Match.anyValue())))));
    }

    @Test
    void newVpc_hasFlowLogs_andTheDatabaseInItsPrivateSubnets() {
        synth.data().resourceCountIs("AWS::EC2::VPC", 1);
        synth.data().hasResourceProperties("AWS::EC2::FlowLog", Match.objectLike(Map.of(
                "ResourceType", "VPC", "TrafficType", "ALL")));
        JsonNode subnetGroup = data.properties(data.logicalId("AWS::RDS::DBSubnetGroup", p -> true));
        assertThat(subnetGroup.path("SubnetIds").toString()).contains("privateSubnet").doesNotContain("publicSubnet");
    }

    @Test
    void newVpc_reachesRoute53ThroughItsCrossRegionInterfaceEndpoint_withPrivateDns() {
        // GIVEN a stack in eu-west-1: Route 53's endpoint service is in us-east-1
        synth.data().resourceCountIs("AWS::EC2::VPCEndpoint", 1);
        String id = data.logicalId("AWS::EC2::VPCEndpoint", p -> true);
        JsonNode endpoint = data.properties(id);

        assertThat(endpoint.path("ServiceName").asText()).isEqualTo("com.amazonaws.route53");
        assertThat(endpoint.path("ServiceRegion").asText()).isEqualTo("us-east-1");
        assertThat(endpoint.path("VpcEndpointType").asText()).isEqualTo("Interface");
        assertThat(endpoint.path("PrivateDnsEnabled").asBoolean()).isTrue();
        assertThat(endpoint.path("SubnetIds").toString()).contains("privateSubnet").doesNotContain("publicSubnet");
        // The endpoint admits HTTPS from the functions' security group only, not from the whole VPC.
        String clients = data.logicalId("AWS::EC2::SecurityGroup", p -> p.path("GroupDescription").asText()
                .startsWith("Cutover functions that open database connections"));
        synth.data().hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                "SourceSecurityGroupId", Map.of("Fn::GetAtt", List.of(clients, "GroupId")),
                "GroupId", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("GroupId")))))));
    }

    @Test
    void dmsAccountRoles_areCreated_whenAsked() {
        synth.data().hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("RoleName", "dms-vpc-role")));
        synth.data().hasResourceProperties("AWS::IAM::Role",
                Match.objectLike(Map.of("RoleName", "dms-cloudwatch-logs-role")));
    }

    @Test
    void rollback_mayBacktrackTheCluster_butNotRestoreIt() {
        String role = control.roleIdOf(control.functionId("cutover-orders-db-" + Kind.WORKFLOW_TASKS.logicalName()));
        List<String> actions = control.statementsOfRole(role).stream()
                .flatMap(s -> TemplateJson.texts(s.path("Action")).stream()).toList();

        assertThat(actions).contains("rds:BacktrackDBCluster").doesNotContain("rds:RestoreDBClusterToPointInTime");
    }

    @Test
    void noCaBundleLayer_whenNoDatabaseCertificateIsVerified() {
        synth.control().resourceCountIs("AWS::Lambda::LayerVersion", 0);
        control.resources("AWS::Lambda::Function").values()
                .forEach(fn -> assertThat(fn.path("Properties").has("Layers")).isFalse());
    }

    @Test
    void existingRecords_areLeftAlone() {
        synth.control().resourceCountIs("AWS::Route53::RecordSet", 0);
        synth.control().resourceCountIs(io.cutover.cdk.construct.WeightedRecords.RESOURCE_TYPE, 0);
    }

    @Test
    void awsSolutionsAndCdk_reportNothingUnsuppressed() {
        assertThat(CdkNagIT.findings(synth, true)).isEmpty();
        assertThat(CdkNagIT.findings(synth, false)).isEmpty();
        assertThat(CdkNagIT.allWarningsAndErrors(synth)).isEmpty();
    }
}
