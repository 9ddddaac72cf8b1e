package io.cutover.handlers;

import io.cutover.aws.testing.StubResponses;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static io.cutover.aws.testing.StubResponses.queryCall;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.aws.testing.Xml;
import io.cutover.core.phase.Phase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda jar as Lambda runs it. Each test starts a JVM of its own whose classpath is the shrunk jar and
 * {@link LambdaRuntimeProbe}, nothing else; the functions are built by their no-argument constructors from the
 * environment alone, and get their credentials from the container credentials endpoint, as a SnapStart function
 * does. Between them the invocations reach all seven services the functions use, and the JDBC driver.
 */
class LambdaJarIT extends StubbedAwsTest {
    private static final String CONTAINER_KEY_ID = "ASIACONTAINEREXAMPLE";
    private static final String CONTAINER_TOKEN = "container-session-token";
    private static final String CONTAINER_AUTHORIZATION = "container-authorization-token";

    @TempDir
    Path home;

    @BeforeEach
    void containerCredentialsEndpoint() {
        wireMock.stubFor(get(urlEqualTo("/container-credentials"))
                .withHeader("Authorization", equalTo(CONTAINER_AUTHORIZATION))
                .willReturn(okJson("{\"AccessKeyId\":\"" + CONTAINER_KEY_ID + "\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"" + CONTAINER_TOKEN + "\",\"Expiration\":\"" + Instant.now().plusSeconds(3600) + "\"}")));
    }

    @Test
    void readinessPoll_inAutoMode_probesDmsAndCloudWatch_thenStartsTheWorkflow() throws Exception {
        // GIVEN an auto-mode migration whose replication is healthy now
        givenStoredConfig(RepoFiles.read("config/example.json").replace("\"mode\": \"manual\"", "\"mode\": \"auto\""));
        givenHealthyReplication(Instant.now());
        givenStepFunctionsStartsExecutions();

        // WHEN the schedule fires
        List<String> lines = invoke(ReadinessPollHandler.class, RepoFiles.path("events/scheduled.json"));

        // THEN it found the migration ready and started the workflow, through DMS, CloudWatch, SSM and Step Functions
        assertThat(lines).singleElement().asString().startsWith("ANSWER ").contains("\"outcome\":\"ready\"")
                .contains("\"executionName\":\"orders-db-1\"");
        assertThat(operations()).contains("GetParameter", "DescribeReplicationTasks", "GetMetricData", "DescribeAlarms",
                "PutParameter", "StartExecution");
        assertEveryCallSignedWithTheContainerCredentials();
    }

    @Test
    void cutoverApi_shiftsTheReaderPairThroughRoute53_inOneBatch_andWaitsForInsync() throws Exception {
        // GIVEN every record on the source and replication healthy now
        givenStoredConfig();
        givenHealthyReplication(Instant.now());
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 100, 0).acceptingChanges();

        // WHEN readers move to 20 %
        List<String> lines = invoke(CutoverApiHandler.class, RepoFiles.path("test-payloads/gradual_cutover-20.json"));

        // THEN the reader pair went 80/20 in one batch, and the function waited for INSYNC
        assertThat(lines).singleElement().asString().contains("\"outcome\":\"applied\"");
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).hasSize(1);
        assertThat(Xml.values(batches.getFirst().getBodyAsString(),
                "//ChangeBatch/Changes/Change/ResourceRecordSet/Weight")).containsExactly("80", "20");
        assertThat(requestsFor("GetChange")).isNotEmpty();
        assertEveryCallSignedWithTheContainerCredentials();
    }

    @Test
    void workflowTask_snapshotOfTheSource_understandsRdsSayingItAlreadyExists() throws Exception {
        // GIVEN a source instance to snapshot before the switch, whose snapshot a previous attempt already made
        givenStoredConfig(RepoFiles.read("config/example.json").replace("\"alarms\":",
                "\"snapshotSourceBeforeSwitch\": { \"dbInstanceIdentifier\": \"orders-pg\" },\n  \"alarms\":"));
        // (readers all on the target, before the fence: where the workflow takes the snapshot)
        givenState(Phase.SHIFTING, 100, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        wireMock.stubFor(queryCall("CreateDBSnapshot").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>DBSnapshotAlreadyExists</Code>
                        <Message>Cannot create the snapshot because a snapshot with the identifier cutover-orders-db-1
                        already exists.</Message></Error><RequestId>5e3c1d2a</RequestId></ErrorResponse>"""
                        .formatted(AwsResponses.RDS_NS))));
        wireMock.stubFor(queryCall("DescribeDBSnapshots").willReturn(StubResponses.xml("""
                <DescribeDBSnapshotsResponse xmlns="%s"><DescribeDBSnapshotsResult><DBSnapshots><DBSnapshot>
                <DBSnapshotIdentifier>cutover-orders-db-1</DBSnapshotIdentifier>
                <DBInstanceIdentifier>orders-pg</DBInstanceIdentifier><Status>available</Status>
                </DBSnapshot></DBSnapshots></DescribeDBSnapshotsResult>
                <ResponseMetadata><RequestId>6f4d2e3b</RequestId></ResponseMetadata></DescribeDBSnapshotsResponse>"""
                .formatted(AwsResponses.RDS_NS))));
        Path task = home.resolve("snapshot-source.json");
        Files.writeString(task, "{\"task\":\"snapshotSource\",\"migrationId\":\"orders-db\",\"executionName\":\"orders-db-1\"}");

        // WHEN the state machine runs the snapshot step again
        List<String> lines = invoke(WorkflowTaskHandler.class, task);

        // THEN RDS's modeled error was recognised and the existing snapshot of the same instance accepted
        assertThat(lines).singleElement().asString().startsWith("ANSWER ").contains("cutover-orders-db-1")
                .contains("available");
        assertThat(operations()).containsSubsequence("CreateDBSnapshot", "DescribeDBSnapshots");
        assertEveryCallSignedWithTheContainerCredentials();
    }

    @Test
    void workflowTask_takesTheDatabaseLoginsFromSecretsManager_thenReachesForTheDatabaseWithTheJdbcDriver()
            throws Exception {
        // GIVEN a config whose databases listen nowhere, and logins in Secrets Manager
        int closedPort = closedPort();
        givenStoredConfig(RepoFiles.read("config/example.json")
                .replace("orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com:5432", "127.0.0.1:" + closedPort)
                .replace("orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com:5432", "127.0.0.1:" + closedPort));
        // (the sequence sync runs once the drain is done)
        givenState(Phase.DRAINED, 100, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        wireMock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1").withBody(
                        "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-source-admin-AbCdEf\","
                                + "\"Name\":\"orders-source-admin\",\"SecretString\":\"{\\\"username\\\":\\\"cutover_admin\\\","
                                + "\\\"password\\\":\\\"not-a-real-password\\\"}\"}")));
        Path task = home.resolve("sync-sequences.json");
        Files.writeString(task, "{\"task\":\"syncSequences\",\"migrationId\":\"orders-db\",\"executionName\":\"orders-db-1\"}");

        // WHEN the state machine runs the sequence sync
        List<String> lines = invoke(WorkflowTaskHandler.class, task);

        // THEN the login came from Secrets Manager, and the driver's connection was refused: a retryable task error
        assertThat(lines).singleElement().asString()
                .startsWith("ERROR io.cutover.handlers.errors.TransientTaskException");
        assertThat(requestsFor("GetSecretValue")).isNotEmpty();
        assertEveryCallSignedWithTheContainerCredentials();
    }

    @Test
    void alarmRollback_ignoresAnAlarmTheMigrationDoesNotWatch() throws Exception {
        givenStoredConfig();

        List<String> lines = invoke(AlarmRollbackHandler.class, RepoFiles.path("events/alarm-foreign-alarm.json"));

        assertThat(lines).singleElement().asString().startsWith("ANSWER ").contains("\"outcome\":\"ignored\"");
        assertThat(mutatingOperations()).allMatch(op -> op.equals("GET /container-credentials"));
    }

    private void assertEveryCallSignedWithTheContainerCredentials() {
        List<LoggedRequest> awsCalls = requests().stream()
                .filter(r -> !r.getUrl().equals("/container-credentials")).toList();
        assertThat(awsCalls).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).contains("Credential=" + CONTAINER_KEY_ID + "/");
            assertThat(r.getHeader("X-Amz-Security-Token")).isEqualTo(CONTAINER_TOKEN);
        });
    }

    /** Runs the probe on the Lambda jar alone, in an environment shaped like Lambda's; returns its answer lines. */
    private List<String> invoke(Class<?> handler, Path... events) throws IOException, InterruptedException {
        Path jar = Path.of("target", "cutover-functions.jar").toAbsolutePath();
        assertThat(jar).as("the shrunk Lambda jar (mvn package)").isRegularFile();
        String probeClasses = Path.of(LambdaRuntimeProbe.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", jar + File.pathSeparator + probeClasses,
                LambdaRuntimeProbe.class.getName(), handler.getName()));
        for (Path event : events) {
            command.add(event.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> !name.equals("PATH"));
        String stub = "http://127.0.0.1:" + wireMock.port();
        env.putAll(Map.of("MIGRATION_ID", MIGRATION, "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", stub,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", stub + "/container-credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_AUTHORIZATION, "STATE_MACHINE_ARN", STATE_MACHINE_ARN,
                "AWS_EC2_METADATA_DISABLED", "true", "HOME", home.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> answers = output.lines().filter(l -> l.startsWith("ANSWER ") || l.startsWith("ERROR ")).toList();
        assertThat(answers).as(output).hasSize(events.length);
        return answers;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
