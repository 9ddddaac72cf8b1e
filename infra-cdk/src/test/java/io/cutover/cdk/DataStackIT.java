package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.core.config.SourceHeartbeat;
import io.cutover.core.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The data stack of the example deployment (deploy.example.json + config/example.json). */
class DataStackIT {
    private static final String SOURCE_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-source-admin-AbCdEf";

    private final Template template = Synthesized.example().data();
    private final TemplateJson json = TemplateJson.of(template);

    @Test
    void aurora_isEncryptedPostgresql_withPitrDeletionProtectionIamAuthAndLogExports() {
        String key = json.logicalId("AWS::KMS::Key", p -> p.path("Description").asText().startsWith("Encrypts the Aurora"));

        template.hasResourceProperties("AWS::RDS::DBCluster", Match.objectLike(Map.of(
                "Engine", "aurora-postgresql",
                "EngineVersion", "16.6",
                "DBClusterIdentifier", "orders-aurora",
                "StorageEncrypted", true,
                "KmsKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn")),
                "DeletionProtection", true,
                "BackupRetentionPeriod", 14,
                "EnableIAMDatabaseAuthentication", true,
                "EnableCloudwatchLogsExports", List.of("postgresql"))));
        assertThat(json.resources("AWS::RDS::DBCluster").values().iterator().next().path("Properties")
                .has("BacktrackWindow")).as("no Backtrack on PostgreSQL").isFalse();
    }

    @Test
    void aurora_hasAWriterAndTwoReaders_inThreeDifferentZones() {
        Map<String, JsonNode> instances = json.resources("AWS::RDS::DBInstance");

        assertThat(instances).hasSize(3);
        Set<String> zones = new HashSet<>();
        instances.values().forEach(i -> {
            zones.add(i.path("Properties").path("AvailabilityZone").asText());
            assertThat(i.path("Properties").path("PubliclyAccessible").asBoolean(true)).isFalse();
            assertThat(i.path("Properties").path("DBInstanceClass").asText()).isEqualTo("db.r6g.large");
        });
        assertThat(zones).containsExactlyInAnyOrder("eu-west-1a", "eu-west-1b", "eu-west-1c");
    }

    @Test
    void clusterParameters_enableLogicalReplication_andRequireTls() {
        template.hasResourceProperties("AWS::RDS::DBClusterParameterGroup", Match.objectLike(Map.of(
                "Family", "aurora-postgresql16",
                "Parameters", Map.of("rds.logical_replication", "1", "rds.force_ssl", "1"))));
    }

    @Test
    void adminLogin_isAGeneratedSecret_encryptedWithTheDataKey() {
        String key = json.logicalId("AWS::KMS::Key", p -> p.path("Description").asText().startsWith("Encrypts the Aurora"));

        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "Name", "cutover/orders-db/target-admin",
                "KmsKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn")),
                "GenerateSecretString", Match.objectLike(Map.of("SecretStringTemplate", "{\"username\":\"cutover_admin\"}")))));
        template.hasResourceProperties("AWS::RDS::DBCluster", Match.objectLike(Map.of(
                "MasterUserPassword", Match.objectLike(Map.of("Fn::Join", Match.anyValue())))));
    }

    @Test
    void keys_rotateYearly() {
        template.allResourcesProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
    }

    @Test
    void dmsInstance_isPrivateMultiAzAndEncrypted_withTheConfiguredClass() {
        template.hasResourceProperties("AWS::DMS::ReplicationInstance", Match.objectLike(Map.of(
                "ReplicationInstanceClass", "dms.r5.large",
                "ReplicationInstanceIdentifier", "cutover-orders-db-dms",
                "PubliclyAccessible", false,
                "MultiAZ", true,
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())))));
        template.resourceCountIs("AWS::DMS::ReplicationSubnetGroup", 1);
    }

    @Test
    void dmsEndpoints_logInThroughSecretsManager_withNoPasswordInTheTemplate() {
        String role = json.logicalId("AWS::IAM::Role", p -> p.path("Description").asText().startsWith("Lets DMS read"));

        template.hasResourceProperties("AWS::DMS::Endpoint", Match.objectLike(Map.of(
                "EndpointType", "source",
                "EngineName", "postgres",
                "DatabaseName", "orders",
                "PostgreSqlSettings", Map.of(
                        "SecretsManagerSecretId", SOURCE_SECRET,
                        "SecretsManagerAccessRoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")),
                        "HeartbeatEnable", true,
                        "HeartbeatFrequency", SourceHeartbeat.defaults().frequencyMinutes(),
                        "HeartbeatSchema", "awsdms_control"))));
        template.hasResourceProperties("AWS::DMS::Endpoint", Match.objectLike(Map.of(
                "EndpointType", "target",
                "EngineName", "aurora-postgresql",
                "PostgreSqlSettings", Match.objectLike(Map.of(
                        "SecretsManagerSecretId", Match.objectLike(Map.of("Ref", Match.anyValue())))))));
        json.resources("AWS::DMS::Endpoint").values().forEach(e -> {
            assertThat(e.path("Properties").has("Password")).isFalse();
            assertThat(e.path("Properties").has("Username")).isFalse();
            assertThat(e.path("Properties").has("ServerName")).isFalse();
        });
    }

    @Test
    void dmsSecretsRole_isAssumedByRegionalDms_andReadsOnlyTheTwoLogins() {
        String role = json.logicalId("AWS::IAM::Role", p -> p.path("Description").asText().startsWith("Lets DMS read"));

        assertThat(json.properties(role).path("AssumeRolePolicyDocument").toString())
                .contains("\"Service\":\"dms.eu-west-1.amazonaws.com\"");
        JsonNode read = json.statementsOfRole(role).stream()
                .filter(s -> s.path("Sid").asText().equals("ReadDatabaseLogins")).findFirst().orElseThrow();
        assertThat(read.path("Resource")).hasSize(2);
        assertThat(read.path("Resource").get(0).asText()).isEqualTo(SOURCE_SECRET);
        assertThat(read.path("Resource").get(1).path("Ref").asText()).startsWith("TargetClusterSecret");
    }

    @Test
    void dmsTask_isFullLoadAndCdc_withLoggingAndValidation_andAKnownArn() {
        JsonNode task = dmsTask("ORDERSTASKONE");

        assertThat(task.path("MigrationType").asText()).isEqualTo("full-load-and-cdc");
        assertThat(task.path("ResourceIdentifier").asText()).isEqualTo("ORDERSTASKONE");
        JsonNode settings = Json.parseTree(task.path("ReplicationTaskSettings").asText(), "task settings");
        assertThat(settings.path("Logging").path("EnableLogging").asBoolean()).isTrue();
        assertThat(settings.path("ValidationSettings").path("EnableValidation").asBoolean()).isTrue();
        // The settings the rehearsal's DMS stand-in runs: the status table on, its own schema, transactional apply.
        assertThat(DmsTaskSettings.parse(task.path("ReplicationTaskSettings").asText()))
                .isEqualTo(DmsTaskSettings.defaults());
        assertThat(settings.path("ControlTablesSettings").path("StatusTableEnabled").asBoolean()).isTrue();
        assertThat(settings.path("ControlTablesSettings").path("ControlSchema").asText()).isEqualTo("awsdms_control");
        assertThat(settings.path("TargetMetadata").path("BatchApplyEnabled").asBoolean()).isFalse();
        JsonNode mappings = Json.parseTree(task.path("TableMappings").asText(), "table mappings");
        assertThat(mappings.path("rules").get(0).path("object-locator").path("schema-name").asText()).isEqualTo("public");
        template.hasOutput("DmsTaskArn", Match.objectLike(Map.of(
                "Value", "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE")));
    }

    @Test
    void reverseDmsTask_isCdcOnly_fromTheTargetsSlot_toTheSource_withTheForwardTasksMappingsAndSettings() {
        // GIVEN the forward task and the reverse one (issue 18's fall-back window)
        JsonNode forward = dmsTask("ORDERSTASKONE");
        JsonNode reverse = dmsTask("ORDERSTASKONE-REVERSE");

        // THEN the reverse task is CDC only (CloudFormation creates it without running it: the switch starts it)
        assertThat(reverse.path("MigrationType").asText()).isEqualTo("cdc");
        assertThat(reverse.path("ReplicationInstanceArn")).isEqualTo(forward.path("ReplicationInstanceArn"));
        // AND it carries the forward task's mappings (the drain marker included) and its settings, never preparing
        // the source's tables
        assertThat(reverse.path("TableMappings").asText()).isEqualTo(forward.path("TableMappings").asText());
        assertThat(reverse.path("TableMappings").asText()).contains(DmsTaskSettings.DRAIN_MARKER_TABLE);
        assertThat(DmsTaskSettings.parse(reverse.path("ReplicationTaskSettings").asText()))
                .isEqualTo(DmsTaskSettings.defaults().withTargetTablePrepMode("DO_NOTHING"));
        // AND its source endpoint is the Aurora target, reading the slot the cutover creates there, with the
        // target's login; its target endpoint is the source PostgreSQL with the source's login
        JsonNode source = json.properties(reverse.path("SourceEndpointArn").path("Ref").asText());
        assertThat(source.path("EndpointType").asText()).isEqualTo("source");
        assertThat(source.path("EngineName").asText()).isEqualTo("aurora-postgresql");
        assertThat(source.path("PostgreSqlSettings").path("SlotName").asText())
                .isEqualTo(ReverseReplicationRequest.objectName("orders-db"));
        assertThat(source.path("PostgreSqlSettings").path("SecretsManagerSecretId").path("Ref").asText())
                .startsWith("TargetClusterSecret");
        JsonNode target = json.properties(reverse.path("TargetEndpointArn").path("Ref").asText());
        assertThat(target.path("EndpointType").asText()).isEqualTo("target");
        assertThat(target.path("EngineName").asText()).isEqualTo("postgres");
        assertThat(target.path("DatabaseName").asText()).isEqualTo("orders");
        assertThat(target.path("PostgreSqlSettings").path("SecretsManagerSecretId").asText()).isEqualTo(SOURCE_SECRET);
        assertThat(reverse.path("SourceEndpointArn")).isNotEqualTo(forward.path("SourceEndpointArn"));
    }

    private JsonNode dmsTask(String resourceIdentifier) {
        return json.resources("AWS::DMS::ReplicationTask").values().stream().map(t -> t.path("Properties"))
                .filter(p -> p.path("ResourceIdentifier").asText().equals(resourceIdentifier)).findFirst()
                .orElseThrow(() -> new AssertionError("no DMS task " + resourceIdentifier));
    }

    @Test
    void backup_runsDaily_keepsSevenDays_inAnEncryptedVault_forTheTargetCluster() {
        template.hasResourceProperties("AWS::Backup::BackupVault", Match.objectLike(Map.of(
                "EncryptionKeyArn", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())))));
        template.hasResourceProperties("AWS::Backup::BackupPlan", Match.objectLike(Map.of(
                "BackupPlan", Match.objectLike(Map.of("BackupPlanRule", List.of(Match.objectLike(Map.of(
                        "ScheduleExpression", "cron(0 3 * * ? *)",
                        "Lifecycle", Map.of("DeleteAfterDays", 7)))))))));
        String selection = json.resources("AWS::Backup::BackupSelection").keySet().iterator().next();
        assertThat(json.properties(selection).path("BackupSelection").path("Resources").toString())
                .contains("arn:").contains(":rds:").contains(":cluster:").contains("TargetCluster");
    }

    @Test
    void databasePort_isOpenOnlyToTheCutoverClients_andDms() {
        Map<String, JsonNode> ingress = json.resources("AWS::EC2::SecurityGroupIngress");

        assertThat(ingress).hasSize(2);
        ingress.values().forEach(rule -> {
            assertThat(rule.path("Properties").path("FromPort").asInt()).isEqualTo(5432);
            assertThat(rule.path("Properties").path("ToPort").asInt()).isEqualTo(5432);
            assertThat(rule.path("Properties").has("CidrIp")).isFalse();
        });
    }
}
