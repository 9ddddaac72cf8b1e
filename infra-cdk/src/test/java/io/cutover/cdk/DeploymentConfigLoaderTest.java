package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.cdk.config.DeploymentConfig;
import io.cutover.cdk.config.DeploymentConfigException;
import io.cutover.cdk.config.DeploymentConfigLoader;
import io.cutover.cdk.config.DeploymentConfigLoader.Overrides;
import io.cutover.core.config.DatabaseEndpoint;
import io.cutover.core.config.Engine;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deployment config and the cutover config it references, validated before any CDK code runs. */
class DeploymentConfigLoaderTest {
    private static final String ONE = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE";
    private static final String TWO = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKTWO";

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

    private static List<Problem> problems(Path file) {
        try {
            DeploymentConfigLoader.load(file, Overrides.none());
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + file + " to be rejected");
    }
}
