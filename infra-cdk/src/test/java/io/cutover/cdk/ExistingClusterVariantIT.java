package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.construct.CutoverFunctions.Kind;
import io.cutover.cdk.construct.WeightedRecords;
import io.cutover.core.json.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * The deployment around an Aurora cluster made elsewhere: deploy.existing-cluster.example.json, with a port other
 * than PostgreSQL's so the test can tell the configured port from a default. Nothing of the cluster is created;
 * everything that used the created cluster uses the imported one.
 */
class ExistingClusterVariantIT {
    private static final int PORT = 6432;
    private static final String CLUSTER_ARN = "arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora";
    private static final String WRITER = "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com";
    private static final String READER = "orders-aurora.cluster-ro-abcdefghijkl.eu-west-1.rds.amazonaws.com";
    private static final String SECURITY_GROUP = "sg-0a1b2c3d4e5f60010";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-aurora-dms-login-MnOpQr";
    private static final String SECRET_KEY = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-4a0b-8c1d-2e3f4a5b6c7d";
    private static final String SOURCE_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-source-admin-AbCdEf";

    private static final Path CONFIG = ConfigVariant.ofExistingClusterExample()
            .deploy(d -> ConfigVariant.obj(d, "database.existingCluster").put("port", PORT))
            .writeTo(TestPaths.module().resolve("target/test-variants"), "existing-cluster");

    private final Synthesized synth = Synthesized.of(CONFIG);
    private final TemplateJson data = TemplateJson.of(synth.data());
    private final TemplateJson control = TemplateJson.of(synth.control());

    @Test
    void noCluster_instances_parameterOrSubnetGroup_login_orLogGroup_isCreated() {
        for (String type : List.of("AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::RDS::DBClusterParameterGroup",
                "AWS::RDS::DBParameterGroup", "AWS::RDS::DBSubnetGroup", "AWS::SecretsManager::Secret",
                "AWS::SecretsManager::SecretTargetAttachment", "AWS::Logs::LogGroup")) {
            synth.data().resourceCountIs(type, 0);
        }
        for (String type : List.of("AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::SecretsManager::Secret")) {
            synth.control().resourceCountIs(type, 0);
        }
        // Only the functions' and DMS's own groups: the cluster's group is imported, not created.
        assertThat(data.resources("AWS::EC2::SecurityGroup")).hasSize(2);
    }

    @Test
    void databasePort_isOpenedOnTheGivenSecurityGroup_toTheFunctionsAndDms_byRulesOfThisStack() {
        Map<String, JsonNode> ingress = data.resources("AWS::EC2::SecurityGroupIngress");
        String clients = data.logicalId("AWS::EC2::SecurityGroup",
                p -> p.path("GroupDescription").asText().startsWith("Cutover functions"));
        String dms = data.logicalId("AWS::EC2::SecurityGroup",
                p -> p.path("GroupDescription").asText().startsWith("DMS replication instance"));

        assertThat(ingress).hasSize(2);
        Set<String> sources = new HashSet<>();
        ingress.values().forEach(rule -> {
            JsonNode p = rule.path("Properties");
            assertThat(p.path("GroupId").asText()).isEqualTo(SECURITY_GROUP);
            assertThat(p.path("IpProtocol").asText()).isEqualTo("tcp");
            assertThat(p.path("FromPort").asInt()).isEqualTo(PORT);
            assertThat(p.path("ToPort").asInt()).isEqualTo(PORT);
            assertThat(p.has("CidrIp")).isFalse();
            assertThat(p.path("Description").asText()).endsWith("(added by stack cutover-orders-db-data)");
            sources.add(p.path("SourceSecurityGroupId").path("Fn::GetAtt").path(0).asText());
        });
        assertThat(sources).containsExactlyInAnyOrder(clients, dms);
    }

    @Test
    void dmsTargetEndpoint_logsInWithTheGivenSecret_whichHoldsHostAndPort() {
        JsonNode target = data.properties(data.logicalId("AWS::DMS::Endpoint",
                p -> "target".equals(p.path("EndpointType").asText())
                        && "aurora-postgresql".equals(p.path("EngineName").asText())));

        assertThat(target.path("DatabaseName").asText()).isEqualTo("orders");
        assertThat(target.path("DatabaseName").asText()).isEqualTo("orders");
        assertThat(target.path("PostgreSqlSettings").path("SecretsManagerSecretId").asText()).isEqualTo(SECRET);
        // DMS takes host and port from the secret; it refuses ServerName/Port next to a secret.
        for (String clearText : List.of("ServerName", "Port", "Username", "Password")) {
            assertThat(target.has(clearText)).as(clearText).isFalse();
        }
    }

    @Test
    void reverseDmsSourceEndpoint_readsTheExistingCluster_withTheGivenSecret() {
        // The reverse task's source endpoint is the existing cluster, logging in as the forward target endpoint does
        JsonNode reverseSource = data.properties(data.logicalId("AWS::DMS::Endpoint",
                p -> "source".equals(p.path("EndpointType").asText())
                        && "aurora-postgresql".equals(p.path("EngineName").asText())));

        assertThat(reverseSource.path("PostgreSqlSettings").path("SecretsManagerSecretId").asText()).isEqualTo(SECRET);
        assertThat(reverseSource.path("PostgreSqlSettings").path("SlotName").asText()).startsWith("cutover_reverse_");
    }

    @Test
    void dmsSecretsRole_readsTheSourceAndTheGivenSecret_andDecryptsOnlyWithTheGivenKey() {
        String role = data.logicalId("AWS::IAM::Role", p -> p.path("Description").asText().startsWith("Lets DMS read"));
        List<JsonNode> statements = data.statementsOfRole(role);

        assertThat(sid(statements, "ReadDatabaseLogins")).containsExactly(SOURCE_SECRET, SECRET);
        assertThat(sid(statements, "DecryptDatabaseLogins")).containsExactly(SECRET_KEY);
    }

    @Test
    void targetAlarms_watchTheExistingClusterByItsIdentifier() {
        for (String name : List.of("orders-aurora-cpu-high", "orders-aurora-connections-high")) {
            synth.control().hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "AlarmName", name, "Namespace", "AWS/RDS",
                    "Dimensions", List.of(Map.of("Name", "DBClusterIdentifier", "Value", "orders-aurora")))));
        }
    }

    @Test
    void backup_selectsTheExistingCluster_byItsArn() {
        String selection = data.resources("AWS::Backup::BackupSelection").keySet().iterator().next();

        assertThat(TemplateJson.texts(data.properties(selection).path("BackupSelection").path("Resources")))
                .containsExactly(CLUSTER_ARN);
    }

    @Test
    void workflowTasks_mayDescribeAndRestore_onlyTheExistingCluster_withItsSubnetAndParameterGroups() {
        List<JsonNode> statements = workflowTasksStatements();

        assertThat(sid(statements, "DescribeTargetClusters")).containsExactly(CLUSTER_ARN,
                "arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora-restored");
        assertThat(sid(statements, "RestoreTargetToPointInTime")).containsExactly(CLUSTER_ARN,
                "arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora-restored",
                "arn:aws:rds:eu-west-1:123456789012:subgrp:orders-aurora-subnets",
                "arn:aws:rds:eu-west-1:123456789012:cluster-pg:orders-aurora-pg16");
        // A new instance is authorized on the groups it takes too: the current writer's, named by the owner.
        assertThat(sid(statements, "AddInstancesToRestoredCluster")).containsExactly(
                "arn:aws:rds:eu-west-1:123456789012:cluster:orders-aurora-restored",
                "arn:aws:rds:eu-west-1:123456789012:db:orders-aurora-restored-*",
                "arn:aws:rds:eu-west-1:123456789012:subgrp:orders-aurora-subnets",
                "arn:aws:rds:eu-west-1:123456789012:pg:*", "arn:aws:rds:eu-west-1:123456789012:og:*");
        // The owner names (and renames) the instances: every instance of the account and region, read-only.
        assertThat(sid(statements, "DescribeTargetInstances"))
                .containsExactly("arn:aws:rds:eu-west-1:123456789012:db:*");
    }

    @Test
    void functions_readTheSourceAndTheGivenSecret_andDecryptOnlyWithTheGivenKey() {
        List<JsonNode> statements = workflowTasksStatements();

        assertThat(sid(statements, "ReadDatabaseLogins")).containsExactly(SOURCE_SECRET, SECRET);
        assertThat(sid(statements, "DecryptDatabaseLogins")).containsExactly(SECRET_KEY);
    }

    @Test
    void storedConfig_recordsAndOutputs_carryTheGivenEndpoints_portAndSecret_withoutCrossStackImports() {
        JsonNode stored = Json.parseTree(control.resources("AWS::SSM::Parameter").values().stream()
                .map(p -> p.path("Properties"))
                .filter(p -> p.path("Name").asText().equals("/cutover/orders-db/config"))
                .findFirst().orElseThrow().path("Value").asText(), "stored config");

        assertThat(stored.path("databases").path("target").path("jdbcUrl").asText())
                .isEqualTo("jdbc:postgresql://" + WRITER + ":" + PORT + "/orders");
        assertThat(stored.path("databases").path("target").path("secretArn").asText()).isEqualTo(SECRET);
        assertThat(stored.path("recordGroups").get(0).path("target").path("value").asText()).isEqualTo(WRITER);
        assertThat(stored.path("recordGroups").get(1).path("target").path("value").asText()).isEqualTo(READER);
        Set<String> recordTargets = new HashSet<>();
        control.resources(WeightedRecords.RESOURCE_TYPE).values().forEach(r -> recordTargets.add(
                r.path("Properties").path("Create").toString()));
        assertThat(String.join(" ", recordTargets)).contains(WRITER, READER);
        synth.data().hasOutput("ClusterEndpoint", Map.of("Value", WRITER));
        synth.data().hasOutput("ReaderEndpoint", Map.of("Value", READER));
        synth.data().hasOutput("TargetSecretArn", Map.of("Value", SECRET));
        // The only value the control stack imports from the data stack is the functions' security group.
        Set<String> imported = new HashSet<>();
        Matcher m = Pattern.compile("\"Fn::ImportValue\":\"([^\"]+)\"").matcher(control.root().toString());
        while (m.find()) {
            imported.add(m.group(1));
        }
        assertThat(imported).singleElement().satisfies(name -> assertThat(name).contains("DatabaseClients"));
    }

    @Test
    void awsSolutionsAndCdk_reportNothingUnsuppressed() {
        assertThat(CdkNagIT.findings(synth, true)).isEmpty();
        assertThat(CdkNagIT.findings(synth, false)).isEmpty();
        assertThat(CdkNagIT.allWarningsAndErrors(synth)).isEmpty();
    }

    @Test
    void instanceWildcard_isAcknowledgedOnlyForWorkflowTasks_withItsReason() {
        List<String> acknowledged = control.resources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getValue().path("Metadata").path("cdk_nag").toString().contains("db:\\\\*"))
                .map(Map.Entry::getKey).toList();

        assertThat(acknowledged).singleElement().satisfies(id -> assertThat(id).startsWith("FunctionsWorkflowTasksRole"));
        assertThat(control.root().path("Resources").path(acknowledged.get(0)).path("Metadata").toString())
                .contains("named by its owner");
    }

    private List<JsonNode> workflowTasksStatements() {
        return control.statementsOfRole(control.roleIdOf(control.functionId("cutover-orders-db-"
                + Kind.WORKFLOW_TASKS.logicalName())));
    }

    /** The resources of the one statement with this Sid. */
    private static List<String> sid(List<JsonNode> statements, String sid) {
        List<JsonNode> matching = statements.stream().filter(s -> sid.equals(s.path("Sid").asText())).toList();
        assertThat(matching).as(sid).hasSize(1);
        return TemplateJson.texts(matching.get(0).path("Resource"));
    }
}
