package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cdk.config.DeploymentConfig;
import io.cutover.cdk.config.DeploymentConfigException;
import io.cutover.cdk.config.DeploymentConfigLoader;
import io.cutover.cdk.config.DeploymentConfigLoader.Overrides;
import io.cutover.core.config.DatabaseEndpoint;
import io.cutover.core.config.Engine;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.cutover.core.config.DmsTaskSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The deployment config and the cutover config it references, validated before any CDK code runs. */
class DeploymentConfigLoaderTest {
    private static final String ONE = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE";
    private static final String TWO = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKTWO";
    private static final String WRITER = "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com";
    private static final String READER = "orders-aurora.cluster-ro-abcdefghijkl.eu-west-1.rds.amazonaws.com";
    private static final String EXISTING_SECRET =
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-aurora-dms-login-MnOpQr";
    /** A value each created-cluster field accepts (when the stack creates the cluster). */
    private static final Map<String, JsonNode> CREATED_CLUSTER_VALUES = Map.of(
            "engineVersion", Json.parseTree("\"16.6\"", "v"), "instanceClass", Json.parseTree("\"r6g.large\"", "v"),
            "readers", Json.parseTree("2", "v"), "port", Json.parseTree("5432", "v"),
            "masterUsername", Json.parseTree("\"cutover_admin\"", "v"), "backupRetentionDays", Json.parseTree("14", "v"),
            "preferredBackupWindow", Json.parseTree("\"01:00-02:00\"", "v"),
            "backtrackWindowSeconds", Json.parseTree("0", "v"), "logicalReplication", Json.parseTree("true", "v"),
            "logRetentionDays", Json.parseTree("30", "v"));

    @TempDir
    Path dir;

    @Test
    void example_loads_withTheCreatedTaskAmongTheStoredTasks_andDefaultsFromTheCutoverConfig() {
        // GIVEN the example deployment
        Path file = ConfigVariant.ofExample().writeTo(dir, "example");

        // WHEN it is loaded
        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        // THEN it describes the orders-db migration with the task it creates already listed once
        assertThat(config.migrationId()).isEqualTo("orders-db");
        assertThat(config.engine()).isEqualTo(Engine.AURORA_POSTGRESQL);
        assertThat(config.createdDmsTaskArn()).isEqualTo(ONE);
        assertThat(config.dmsTaskArns()).containsExactly(ONE, TWO);
        assertThat(config.database().databaseName()).isEqualTo("orders");
        assertThat(config.database().backtrackWindowSeconds()).isZero();
        assertThat(config.monitoring().createdAlarmNames()).containsExactly("orders-dms-cdc-latency-high",
                "orders-aurora-cpu-high", "orders-aurora-connections-high", "orders-dms-task-failed");
        assertThat(config.stateMachine().definitionJson()).contains("${WorkflowTasksFunctionArn}");
        assertThat(config.dms().task().tableMappingsJson()).contains("\"schema-name\":\"public\"");
        // the drain's marker table is replicated too: the drain proves the fence position applied by it
        assertThat(config.dms().task().tableMappingsJson()).contains("\"schema-name\":\"awsdms_control\","
                + "\"table-name\":\"cutover_drain_marker\"");
        assertThat(config.functions().caBundle()).isEqualTo(TestPaths.caBundle());
    }

    @Test
    void createdTask_isAppended_whenTheCutoverConfigDoesNotListIt() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.arr(c, "replication.dmsTaskArns").remove(0))
                .writeTo(dir, "append");

        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        assertThat(config.dmsTaskArns()).containsExactly(TWO, ONE);
    }

    @Test
    void createdTask_replacesTheConfiguredOnes_inReplaceMode() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> {
                    ConfigVariant.obj(d, "dms.task").put("arnInCutoverConfig", "replace");
                    ConfigVariant.obj(d, "dms").remove("existingTasks");
                })
                .writeTo(dir, "replace");

        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        assertThat(config.dmsTaskArns()).containsExactly(ONE);
    }

    @Test
    void missingJar_failsWithTheFieldAndTheBuildHint() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "functions").put("jar", dir.resolve("nowhere/cutover-functions.jar").toString()))
                .writeTo(dir, "nojar");

        assertThatThrownBy(() -> DeploymentConfigLoader.load(file, Overrides.none()))
                .isInstanceOf(DeploymentConfigException.class)
                .hasMessageContaining("functions.jar")
                .hasMessageContaining("run ./build package first");
    }

    @Test
    void missingJar_givenInContext_namesTheContextKey() {
        Path file = ConfigVariant.ofExample().writeTo(dir, "contextjar");

        assertThatThrownBy(() -> DeploymentConfigLoader.load(file,
                new Overrides(dir.resolve("missing.jar"), null, null)))
                .hasMessageContaining("functionsJar (CDK context)")
                .hasMessageContaining("run ./build package first");
    }

    @Test
    void missingHostedZoneId_failsNamingTheCutoverConfigField() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.obj(c, "recordGroups.0").remove("hostedZoneId"))
                .writeTo(dir, "nozone");

        assertThat(problems(file)).anySatisfy(p -> assertThat(p.field()).isEqualTo("recordGroups[0].hostedZoneId"));
        assertThatThrownBy(() -> DeploymentConfigLoader.load(file, Overrides.none()))
                .hasMessageContaining("cutover config").hasMessageContaining("nozone.cutover.json");
    }

    @Test
    void readerSteps_notEndingAt100_failNamingTheField() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> c.putArray("readerSteps").add(20).add(50).add(80))
                .writeTo(dir, "steps");

        assertThat(problems(file)).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("readerSteps");
            assertThat(p.expected()).contains("ending at 100");
        });
    }

    @Test
    void backtrackWindow_onAuroraPostgresql_failsNamingTheField() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "database").put("backtrackWindowSeconds", 86_400))
                .writeTo(dir, "backtrackpg");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.backtrackWindowSeconds");
            assertThat(p.expected()).contains("only on Aurora MySQL");
        });
    }

    @Test
    void backtrackWindow_beyond72Hours_onAuroraMysql_failsNamingTheField() {
        Path file = ConfigVariant.ofExample()
                .auroraMysqlWithBacktrack()
                .deploy(d -> ConfigVariant.obj(d, "database").put("backtrackWindowSeconds", 259_201))
                .writeTo(dir, "backtrack73h");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.backtrackWindowSeconds");
            assertThat(p.expected()).contains("259200");
        });
    }

    @Test
    void auroraMysql_withAReverseDmsTask_isRefused_namingTheField() {
        // GIVEN an Aurora MySQL target whose cutover config still names a reverse DMS task
        Path file = ConfigVariant.ofExample().auroraMysqlWithBacktrack()
                .cutover(c -> ConfigVariant.obj(c, "replication").put("reverseDmsTaskArn",
                        "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE-REVERSE"))
                .writeTo(dir, "mysql-reverse");

        // WHEN / THEN the load refuses it: the reverse task reads a PostgreSQL slot on the target
        assertThatThrownBy(() -> DeploymentConfigLoader.load(file, Overrides.none()))
                .isInstanceOf(DeploymentConfigException.class)
                .hasMessageContaining("replication.reverseDmsTaskArn")
                .hasMessageContaining("creates no reverse task");
    }

    @Test
    void reverseDmsTask_isDerivedFromTheForwardTasksIdentifier_andStoredInTheCutoverConfig() {
        // GIVEN the example: an Aurora PostgreSQL target and the created task ORDERSTASKONE
        DeploymentConfig config = DeploymentConfigLoader.load(ConfigVariant.ofExample().writeTo(dir, "reverse"),
                Overrides.none());

        // THEN the stack creates ORDERSTASKONE-REVERSE and that ARN is the one the stored config names
        assertThat(config.dms().task().reverseResourceIdentifier()).isEqualTo("ORDERSTASKONE-REVERSE");
        assertThat(config.reverseDmsTaskArn()).isEqualTo("arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE-REVERSE");
    }

    @Test
    void reverseDmsTask_ofALongForwardIdentifier_mustBeNamed() {
        // GIVEN a forward identifier whose "-REVERSE" form exceeds DMS's 31 characters
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "dms.task").put("resourceIdentifier", "ORDERSTASKWITHAVERYLONGNAME1"))
                .cutover(c -> ConfigVariant.obj(c, "replication").remove("reverseDmsTaskArn"))
                .writeTo(dir, "long-id");

        // WHEN / THEN the load asks for dms.task.reverseResourceIdentifier
        assertThatThrownBy(() -> DeploymentConfigLoader.load(file, Overrides.none()))
                .isInstanceOf(DeploymentConfigException.class)
                .hasMessageContaining("dms.task.reverseResourceIdentifier")
                .hasMessageContaining("31 characters");
    }

    @Test
    void auroraMysql_withBacktrackRollback_loadsWithItsWindow() {
        Path file = ConfigVariant.ofExample()
                .auroraMysqlWithBacktrack()
                .writeTo(dir, "mysql");

        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        assertThat(config.engine()).isEqualTo(Engine.AURORA_MYSQL);
        assertThat(config.database().backtrackWindowSeconds()).isEqualTo(259_200);
        assertThat(config.database().engineVersion()).startsWith("8.0.mysql_aurora.");
    }

    @Test
    void watchedAlarm_thatIsNeitherCreatedNorExternal_failsNamingItsIndex() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.arr(c, "alarms").add("orders-api-5xx-high"))
                .writeTo(dir, "alarm");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).startsWith("alarms[2]");
            assertThat(p.value()).contains("orders-api-5xx-high");
        });
    }

    @Test
    void watchedDmsLatencyAlarm_notListedInReplicationAlarms_failsNamingIt() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> c.remove("replicationAlarms"))
                .writeTo(dir, "replication-alarms");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).startsWith("replicationAlarms");
            assertThat(p.expected()).contains("orders-dms-cdc-latency-high", "writer switch");
        });
    }

    @Test
    void watchedAlarm_listedAsExternal_isAccepted() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.arr(c, "alarms").add("orders-api-5xx-high"))
                .deploy(d -> ConfigVariant.arr(d, "monitoring.externalAlarmNames").add("orders-api-5xx-high"))
                .writeTo(dir, "external");

        assertThat(DeploymentConfigLoader.load(file, Overrides.none()).cutover().alarms())
                .contains("orders-api-5xx-high");
    }

    @Test
    void dmsTask_inAnotherRegion_failsNamingTheCutoverField() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.arr(c, "replication.dmsTaskArns").set(1,
                        "arn:aws:dms:us-east-1:123456789012:task:ORDERSTASKTWO"))
                .deploy(d -> ConfigVariant.obj(d, "dms").remove("existingTasks"))
                .writeTo(dir, "region");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).startsWith("replication.dmsTaskArns[1]");
            assertThat(p.expected()).contains("123456789012/eu-west-1");
        });
    }

    @Test
    void dmsTask_neitherCreatedNorListed_failsNamingTheCutoverField() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "dms").remove("existingTasks"))
                .writeTo(dir, "unlisted");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).startsWith("replication.dmsTaskArns[1]");
            assertThat(p.expected()).contains("dms.existingTasks");
        });
    }

    @Test
    void dmsControlSchema_amongTheMigratedSchemas_isRefusedNamingTheSetting() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.arr(c, "databases.schemas").add(DmsTaskSettings.DEFAULT_CONTROL_SCHEMA))
                .writeTo(dir, "controlschema");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("databases.schemas");
            assertThat(p.expected()).contains(DmsTaskSettings.CONTROL_SCHEMA_SETTING, "awsdms_control");
        });
    }

    @Test
    void dmsSection_isRejected_whenReplicationIsNative() {
        Path file = ConfigVariant.ofExample()
                .nativeReplication()
                .writeTo(dir, "nativedms");

        assertThat(problems(file)).anySatisfy(p -> assertThat(p.field()).isEqualTo("dms"));
    }

    @Test
    void verifyFullSsl_withoutACertificate_failsNamingTheField() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "dms.source").put("sslMode", "verify-full"))
                .writeTo(dir, "ssl");

        assertThat(problems(file)).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("dms.source.certificateArn"));
    }

    @ParameterizedTest(name = "sslMode {0}")
    @ValueSource(strings = {"verify-full", "verify-ca"})
    void verifiedDatabases_withoutACaBundle_failNamingFunctionsCaBundle_withTheRdsDownload(String sslMode) {
        // GIVEN databases whose certificates the functions verify, and no CA bundle to verify them with
        Path file = ConfigVariant.ofExample()
                .cutover(c -> {
                    ConfigVariant.obj(c, "databases.source").put("sslMode", sslMode);
                    ConfigVariant.obj(c, "databases.target").put("sslMode", sslMode);
                })
                .deploy(d -> ConfigVariant.obj(d, "functions").remove("caBundle"))
                .writeTo(dir, "nobundle");

        // THEN the one problem names the field, says why it is needed and how to get Amazon's bundle
        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("functions.caBundle");
            assertThat(p.value()).isNull();
            assertThat(p.expected()).contains("verify the database certificates", "databases.source.sslMode " + sslMode,
                    "databases.target.sslMode " + sslMode, "curl -fsSL -o " + dir.resolve("rds-global-bundle.pem"),
                    "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem");
        });
    }

    @Test
    void sslRootCert_otherThanTheLayersPath_failsNamingTheCutoverField_andTheExpectedPath() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.obj(c, "databases.target").put("sslRootCert", "/etc/ssl/rds-global-bundle.pem"))
                .writeTo(dir, "rootcert");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("databases.target.sslRootCert (in rootcert.cutover.json)");
            assertThat(p.value()).isEqualTo("\"/etc/ssl/rds-global-bundle.pem\"");
            assertThat(p.expected()).startsWith("\"" + DatabaseEndpoint.LAMBDA_CA_BUNDLE + "\"")
                    .contains("functions.caBundle");
        });
    }

    @Test
    void sslRootCert_andTheMissingCaBundle_areReportedTogether() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.obj(c, "databases.source").put("sslRootCert", "certs/rds.pem"))
                .deploy(d -> ConfigVariant.obj(d, "functions").remove("caBundle"))
                .writeTo(dir, "both");

        assertThat(problems(file)).extracting(Problem::field).containsExactlyInAnyOrder(
                "databases.source.sslRootCert (in both.cutover.json)", "functions.caBundle");
    }

    @Test
    void caBundle_thatDoesNotExist_failsNamingTheField_andTheDownload() {
        Path missing = dir.resolve("rds-global-bundle.pem");
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "functions").put("caBundle", "rds-global-bundle.pem"))
                .writeTo(dir, "absentbundle");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("functions.caBundle");
            assertThat(p.value()).isEqualTo("\"" + missing + "\"");
            assertThat(p.expected()).contains("an existing PEM CA bundle file",
                    "curl -fsSL -o " + missing + " " + DeploymentConfigLoader.RDS_GLOBAL_BUNDLE_URL);
        });
    }

    @Test
    void caBundle_withoutACertificate_failsNamingTheField() throws Exception {
        // GIVEN what a failed download leaves behind
        Files.writeString(dir.resolve("error-page.pem"), "<html><body>Access Denied</body></html>\n");
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "functions").put("caBundle", "error-page.pem"))
                .writeTo(dir, "nocert");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("functions.caBundle");
            assertThat(p.expected()).contains("at least one -----BEGIN CERTIFICATE----- block");
        });
    }

    @Test
    void caBundle_whoseCertificateBlockIsDamaged_failsBecauseTheDriverCouldNotReadIt() throws Exception {
        // GIVEN a real certificate with a line of its body lost (a truncated copy)
        List<String> lines = Files.readAllLines(TestPaths.caBundle());
        lines.remove(2);
        Files.write(dir.resolve("damaged.pem"), lines);
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "functions").put("caBundle", "damaged.pem"))
                .writeTo(dir, "damaged");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("functions.caBundle");
            assertThat(p.expected()).contains("the JDBC driver can read");
        });
    }

    @Test
    void caBundle_isResolvedAgainstTheDeploymentConfigsDirectory() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.copy(TestPaths.caBundle(), dir.resolve("certs/bundle.pem"));
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "functions").put("caBundle", "certs/bundle.pem"))
                .writeTo(dir, "relativebundle");

        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        assertThat(config.functions().caBundle()).isEqualTo(dir.resolve("certs/bundle.pem"));
    }

    @Test
    void caBundle_givenInContext_overridesTheConfig_andIsNamedByItsKey() {
        Path file = ConfigVariant.ofExample().writeTo(dir, "contextbundle");

        DeploymentConfig config = DeploymentConfigLoader.load(file, new Overrides(null, null, TestPaths.caBundle()));
        assertThat(config.functions().caBundle()).isEqualTo(TestPaths.caBundle());
        assertThatThrownBy(() -> DeploymentConfigLoader.load(file, new Overrides(null, null, dir.resolve("no.pem"))))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.field()).isEqualTo("caBundle (CDK context)")));
    }

    @Test
    void requireOnBothDatabases_needsNoCaBundle() {
        // GIVEN databases reached with TLS but without verifying their certificates, and no bundle
        Path file = ConfigVariant.ofExample()
                .cutover(c -> {
                    for (String side : List.of("source", "target")) {
                        ConfigVariant.obj(c, "databases." + side).put("sslMode", "require");
                        ConfigVariant.obj(c, "databases." + side).remove("sslRootCert");
                    }
                })
                .deploy(d -> ConfigVariant.obj(d, "functions").remove("caBundle"))
                .writeTo(dir, "require");

        // WHEN it is loaded, THEN it is valid and deploys no bundle
        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        assertThat(config.functions().caBundle()).isNull();
    }

    @Test
    void aslPlaceholder_withoutASubstitution_failsNamingTheDefinition() throws Exception {
        Path asl = dir.resolve("unknown.asl.json");
        Files.writeString(asl, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":"
                + "\"${WorkflowTasksFunctionArn}\",\"Parameters\":{\"Queue\":\"${DeadLetterQueueUrl}\"},\"End\":true}}}");
        Path file = ConfigVariant.ofExample().writeTo(dir, "asl");

        assertThatThrownBy(() -> DeploymentConfigLoader.load(file, new Overrides(null, asl, null)))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.field()).isEqualTo("stateMachineAsl (CDK context)");
                            assertThat(p.value()).contains("DeadLetterQueueUrl");
                        }));
    }

    @Test
    void logRetention_thatCloudWatchRefuses_failsNamingTheField() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "functions").put("logRetentionDays", 10))
                .writeTo(dir, "retention");

        assertThat(problems(file)).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("functions.logRetentionDays"));
    }

    @Test
    void workflowTasksTimeout_shorterThanTheDrain_failsNamingTheField() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "functions").put("workflowTasksTimeoutSeconds", 300))
                .writeTo(dir, "timeout");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("functions.workflowTasksTimeoutSeconds");
            assertThat(p.expected()).contains("drainTimeoutSeconds (300)");
        });
    }

    @Test
    void createdRecords_mustBeCnames() {
        Path file = ConfigVariant.ofExample()
                .cutover(c -> ConfigVariant.obj(c, "recordGroups.1").put("type", "A"))
                .writeTo(dir, "arecord");

        assertThat(problems(file)).singleElement()
                .satisfies(p -> assertThat(p.field()).startsWith("recordGroups[1].type"));
    }

    @ParameterizedTest(name = "egress {0}")
    @ValueSource(strings = {"absent", "none"})
    void existingVpc_withoutEgress_isRefusedNamingNatAndTheEndpoints(String egress) {
        // The stack cannot see an existing VPC's routes or endpoints: the owner states how the APIs are reached.
        Path file = ConfigVariant.ofExample()
                .deploy(d -> {
                    ObjectNode vpc = ConfigVariant.obj(d, "network.existingVpc");
                    if (egress.equals("absent")) {
                        vpc.remove("egress");
                    } else {
                        vpc.put("egress", egress);
                    }
                })
                .writeTo(dir, "egress-" + egress);

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("network.existingVpc.egress");
            assertThat(p.expected()).contains("\"nat\"").contains("\"endpoints\"").contains("com.amazonaws.route53");
        });
    }

    @Test
    void existingVpc_withInterfaceEndpointsForEveryCalledApi_isAccepted() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "network.existingVpc").put("egress", "endpoints")
                        .putArray("interfaceEndpoints").add("ssm").add("secretsmanager").add("dms").add("monitoring")
                        .add("rds").add("states").add("route53").add("kms"))
                .writeTo(dir, "egress-endpoints");

        assertThat(DeploymentConfigLoader.load(file, Overrides.none()).network().vpcId())
                .isEqualTo("vpc-0a1b2c3d4e5f67890");
    }

    @Test
    void existingVpc_withEndpointsEgress_missingRoute53AndDms_isRefusedNamingBoth() {
        // GIVEN no NAT and endpoints for the regional APIs only
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "network.existingVpc").put("egress", "endpoints")
                        .putArray("interfaceEndpoints").add("ssm").add("secretsmanager").add("monitoring")
                        .add("rds").add("states"))
                .writeTo(dir, "egress-endpoints-missing");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("network.existingVpc.interfaceEndpoints");
            assertThat(p.expected()).contains("missing route53, dms");
        });
    }

    @Test
    void existingVpc_interfaceEndpoints_withNatEgress_isRefused() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "network.existingVpc").putArray("interfaceEndpoints").add("ssm"))
                .writeTo(dir, "egress-nat-endpoints");

        assertThat(problems(file)).singleElement().satisfies(p -> assertThat(p.field())
                .isEqualTo("network.existingVpc.interfaceEndpoints"));
    }

    @Test
    void unknownFields_andSeveralProblems_areReportedTogether() {
        Path file = ConfigVariant.ofExample()
                .deploy(d -> {
                    d.put("stackName", "mine");
                    ConfigVariant.obj(d, "environment").put("account", "12345");
                    ConfigVariant.obj(d, "network.existingVpc").put("vpcId", "vpc-nothex");
                })
                .writeTo(dir, "several");

        assertThat(problems(file)).extracting(Problem::field)
                .containsExactlyInAnyOrder("stackName", "environment.account", "network.existingVpc.vpcId");
    }

    @Test
    void routeTables_mayRepeat_butMustMatchTheSubnets() {
        Path shared = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "network.existingVpc").putArray("privateSubnetRouteTableIds")
                        .add("rtb-0a1b2c3d4e5f60009").add("rtb-0a1b2c3d4e5f60009").add("rtb-0a1b2c3d4e5f60009"))
                .writeTo(dir, "shared-route-table");
        Path tooFew = ConfigVariant.ofExample()
                .deploy(d -> ConfigVariant.obj(d, "network.existingVpc").putArray("privateSubnetRouteTableIds")
                        .add("rtb-0a1b2c3d4e5f60009"))
                .writeTo(dir, "too-few-route-tables");

        assertThat(DeploymentConfigLoader.load(shared, Overrides.none()).network().privateSubnetRouteTableIds())
                .hasSize(3);
        assertThat(problems(tooFew)).singleElement().satisfies(p ->
                assertThat(p.field()).isEqualTo("network.existingVpc.privateSubnetRouteTableIds"));
    }

    @Test
    void aMissingDeploymentConfig_failsNamingTheFile() {
        Path missing = dir.resolve("absent.json");

        assertThatThrownBy(() -> DeploymentConfigLoader.load(missing, Overrides.none()))
                .isInstanceOf(DeploymentConfigException.class)
                .hasMessageContaining("absent.json");
    }

    @Test
    void existingClusterExample_loads_withTheClusterAsGiven_andNothingToCreate() {
        // GIVEN the example deployment around an existing cluster
        Path file = ConfigVariant.ofExistingClusterExample().writeTo(dir, "existing");

        // WHEN it is loaded
        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        // THEN the cluster is described as given, and none of a created cluster's settings is set
        assertThat(config.database().createsCluster()).isFalse();
        assertThat(config.database().existingCluster()).isEqualTo(new DeploymentConfig.ExistingCluster(
                "orders-aurora", WRITER, READER, "sg-0a1b2c3d4e5f60010", EXISTING_SECRET,
                "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-4a0b-8c1d-2e3f4a5b6c7d",
                "orders-aurora-subnets", "orders-aurora-pg16"));
        assertThat(config.database().port()).isEqualTo(5432);
        assertThat(config.database().databaseName()).isEqualTo("orders");
        assertThat(config.database().engineVersion()).isNull();
        assertThat(config.database().instanceClass()).isNull();
        assertThat(config.engine()).isEqualTo(Engine.AURORA_POSTGRESQL);
    }

    @ParameterizedTest(name = "database.{0}")
    @ValueSource(strings = {"engineVersion", "instanceClass", "readers", "port", "masterUsername",
            "backupRetentionDays", "preferredBackupWindow", "backtrackWindowSeconds", "logicalReplication",
            "logRetentionDays"})
    void createdClusterField_withExistingCluster_isRefusedNamingIt(String field) {
        // GIVEN an existing cluster and one setting that only a created cluster has (valid for one)
        JsonNode valid = CREATED_CLUSTER_VALUES.get(field);
        Path file = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database").set(field, valid))
                .writeTo(dir, "created-" + field);

        // THEN that field is refused, never silently ignored, and the problem says what database allows instead
        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database." + field);
            assertThat(p.expected()).startsWith("absent: database.existingCluster is set")
                    .contains("database allows only existingCluster and databaseName");
        });
    }

    @Test
    void existingCluster_withTheCreatedClusterPort_pointsToItsOwnPortField() {
        Path file = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database").put("port", 5432))
                .writeTo(dir, "existing-port");

        assertThat(problems(file)).singleElement()
                .satisfies(p -> assertThat(p.expected()).contains("database.existingCluster.port"));
    }

    @Test
    void existingClusterIdentifier_otherThanTheCutoverConfigsTarget_isRefusedNamingBoth() {
        // GIVEN an existing cluster that is not the one the cutover config switches to
        Path file = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster").put("clusterIdentifier", "billing-aurora"))
                .writeTo(dir, "mismatch");

        // THEN the identifier is refused with the cutover config's value and file
        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.existingCluster.clusterIdentifier");
            assertThat(p.value()).isEqualTo("\"billing-aurora\"");
            assertThat(p.expected()).startsWith("\"orders-aurora\", the cutover config's target.clusterIdentifier")
                    .contains("mismatch.cutover.json");
        });
    }

    @Test
    void cutoverConfigsTargetIdentifier_inUpperCase_isRefusedByTheCutoverConfigItself() {
        // GIVEN a cutover config naming the cluster other than RDS shows it (RDS keeps identifiers in lower case)
        Path file = ConfigVariant.ofExistingClusterExample()
                .cutover(c -> ConfigVariant.obj(c, "target").put("clusterIdentifier", "Orders-Aurora"))
                .writeTo(dir, "upper");

        // THEN the cutover config's field is named (alarms and IAM would otherwise miss the cluster), nothing else
        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("target.clusterIdentifier");
            assertThat(p.expected()).contains("lower-case");
        });
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            clusterIdentifier         | "Orders-Aurora"                  | lower-case letters, digits or hyphens
            clusterIdentifier         | "orders-aurora-"                 | or a trailing hyphen
            writerEndpoint            | "https://orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com" | without scheme or port
            writerEndpoint            | "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com:5432"    | without scheme or port
            writerEndpoint            | "orders-aurora.cluster-ro-abcdefghijkl.eu-west-1.rds.amazonaws.com"      | the cluster (writer) endpoint of orders-aurora in eu-west-1
            writerEndpoint            | "billing-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com"        | the cluster (writer) endpoint of orders-aurora in eu-west-1
            writerEndpoint            | "orders-aurora.cluster-abcdefghijkl.us-east-1.rds.amazonaws.com"         | the cluster (writer) endpoint of orders-aurora in eu-west-1
            readerEndpoint            | "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com"         | the reader endpoint of orders-aurora in eu-west-1
            readerEndpoint            | "orders-aurora.cluster-ro-abcdefghijkl.eu-central-1.rds.amazonaws.com"   | the reader endpoint of orders-aurora in eu-west-1
            readerEndpoint            | "billing-aurora.cluster-ro-abcdefghijkl.eu-west-1.rds.amazonaws.com"     | the reader endpoint of orders-aurora in eu-west-1
            readerEndpoint            | 42                               | the host name of the reader endpoint
            port                      | 80                               | an integer from 1150 to 65535
            port                      | "5432"                           | an integer from 1150 to 65535
            securityGroupId           | "sg-orders"                      | a security group id such as sg-0a1b2c3d4e5f67890
            securityGroupId           | "vpc-0a1b2c3d4e5f67890"          | a security group id such as sg-0a1b2c3d4e5f67890
            secretArn                 | "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-aurora-dms-login" | the complete ARN of a Secrets Manager secret
            secretArn                 | "orders-aurora-dms-login"        | the complete ARN of a Secrets Manager secret
            secretArn                 | "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-aurora-dms-login-MnOpQr" | a secret in eu-west-1 (environment.region)
            secretArn                 | "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0a1b2c3d-4e5f-4a0b-8c1d-2e3f4a5b6c7d-MnOpQr" | DMS cannot log in with a secret RDS manages
            secretKmsKeyArn           | "alias/aws/secretsmanager"       | the ARN of the customer-managed KMS key
            subnetGroupName           | "Orders-Aurora-Subnets"          | the cluster's DB subnet group name as RDS shows it
            clusterParameterGroupName | "orders_aurora_pg16"             | the cluster's DB cluster parameter group name as RDS shows it
            instanceClass             | "r6g.large"                      | no such field
            """)
    void existingClusterField_withABadValue_isRefusedNamingTheFieldAndWhatIsAllowed(String field, String json,
                                                                                   String expected) {
        // GIVEN the existing-cluster example with one field of existingCluster set to a wrong value
        Path file = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster").set(field,
                        Json.parseTree(json, "test value")))
                .writeTo(dir, "bad-" + field);

        // THEN exactly that field is reported, with what it accepts
        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.existingCluster." + field);
            assertThat(p.expected()).contains(expected);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clusterIdentifier", "writerEndpoint", "readerEndpoint", "securityGroupId", "secretArn"})
    void existingClusterField_thatIsRequired_isReportedWhenMissing(String field) {
        Path file = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster").remove(field))
                .writeTo(dir, "missing-" + field);

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.existingCluster." + field);
            assertThat(p.value()).isNull();
        });
    }

    @Test
    void privateDnsNames_areTakenAsGiven_butWriterAndReaderMustDiffer() {
        // GIVEN endpoints under a private DNS name rather than Aurora's (the loader cannot check whose they are)
        Path distinct = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster")
                        .put("writerEndpoint", "orders-db.internal.example.com")
                        .put("readerEndpoint", "orders-db-ro.internal.example.com"))
                .writeTo(dir, "aliases");
        Path same = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster")
                        .put("writerEndpoint", "orders-db.internal.example.com")
                        .put("readerEndpoint", "orders-db.internal.example.com"))
                .writeTo(dir, "same-alias");

        // THEN distinct names load, and one name for both is refused on the reader
        assertThat(DeploymentConfigLoader.load(distinct, Overrides.none()).database().existingCluster().readerEndpoint())
                .isEqualTo("orders-db-ro.internal.example.com");
        assertThat(problems(same)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.existingCluster.readerEndpoint");
            assertThat(p.expected()).startsWith("a host other than writerEndpoint");
        });
    }

    @Test
    void existingCluster_thatIsNotAnObject_isRefused() {
        Path file = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database").put("existingCluster", "orders-aurora"))
                .writeTo(dir, "existing-text");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.existingCluster");
            assertThat(p.expected()).isEqualTo("a JSON object");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"subnetGroupName", "clusterParameterGroupName"})
    void restoreScopeName_isRequired_whenTheRollbackIsAPointInTimeRestore(String field) {
        Path file = ConfigVariant.ofExistingClusterExample()
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster").remove(field))
                .writeTo(dir, "pitr-" + field);

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.existingCluster." + field);
            assertThat(p.expected()).contains("required because rollback.strategy (in pitr-" + field
                    + ".cutover.json) is \"pitr\"");
        });
    }

    @Test
    void restoreScopeNames_areRefused_whenTheRollbackOnlyMovesDns() {
        Path file = ConfigVariant.ofExistingClusterExample()
                .cutover(c -> c.putObject("rollback").put("strategy", "dns"))
                .writeTo(dir, "dns");

        assertThat(problems(file)).extracting(Problem::field).containsExactlyInAnyOrder(
                "database.existingCluster.subnetGroupName", "database.existingCluster.clusterParameterGroupName");
        assertThat(problems(file)).allSatisfy(p -> assertThat(p.expected()).startsWith("absent: it only scopes"));
    }

    @Test
    void existingCluster_inANewVpc_isRefused_becauseTheStackCouldNotReachIt() {
        Path file = ConfigVariant.ofExistingClusterExample().newVpc().writeTo(dir, "existing-new-vpc");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("network.newVpc");
            assertThat(p.expected()).startsWith("network.existingVpc, the VPC of database.existingCluster");
        });
    }

    @Test
    void rdsManagedSecret_isAccepted_whenNoDmsLogsInWithIt() {
        // GIVEN native replication (no DMS) and the secret RDS manages for the cluster's master user
        String managed = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0a1b2c3d-4e5f-4a0b-8c1d-"
                + "2e3f4a5b6c7d-MnOpQr";
        Path file = ConfigVariant.ofExistingClusterExample()
                .nativeReplication()
                .withoutDms()
                .deploy(d -> {
                    ConfigVariant.obj(d, "database").remove("databaseName");
                    ConfigVariant.obj(d, "database.existingCluster").put("secretArn", managed);
                })
                .writeTo(dir, "managed-secret");

        // THEN it loads: the functions need only its username and password
        assertThat(DeploymentConfigLoader.load(file, Overrides.none()).database().existingCluster().secretArn())
                .isEqualTo(managed);
    }

    @Test
    void databaseName_withExistingClusterAndNativeReplication_isRefused_asNothingWouldUseIt() {
        Path file = ConfigVariant.ofExistingClusterExample()
                .nativeReplication()
                .withoutDms()
                .writeTo(dir, "native-name");

        assertThat(problems(file)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("database.databaseName");
            assertThat(p.expected()).contains("replication.kind is \"native\"");
        });
    }

    @Test
    void existingAuroraMysql_withBacktrackRollback_loads_withTheEnginesDefaultPort() {
        // GIVEN an existing Aurora MySQL cluster, Backtrack as the rollback, and no port given
        Path file = ConfigVariant.ofExistingClusterExample()
                .cutover(c -> {
                    ConfigVariant.obj(c, "target").put("engine", "aurora-mysql");
                    ConfigVariant.obj(c, "replication").remove("reverseDmsTaskArn");
                    c.putObject("rollback").put("strategy", "backtrack");
                })
                .deploy(d -> ConfigVariant.obj(d, "database.existingCluster").remove(
                        List.of("port", "subnetGroupName", "clusterParameterGroupName")))
                .writeTo(dir, "existing-mysql");

        // WHEN it is loaded
        DeploymentConfig config = DeploymentConfigLoader.load(file, Overrides.none());

        // THEN no Backtrack window is asked for (it is the cluster's own setting) and the port is MySQL's
        assertThat(config.engine()).isEqualTo(Engine.AURORA_MYSQL);
        assertThat(config.database().port()).isEqualTo(3306);
        assertThat(config.database().existingCluster().subnetGroupName()).isNull();
    }

    private static List<Problem> problems(Path file) {
        try {
            DeploymentConfigLoader.load(file, Overrides.none());
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + file + " to be rejected");
    }
}
