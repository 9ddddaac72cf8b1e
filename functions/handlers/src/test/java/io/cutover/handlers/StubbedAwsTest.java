package io.cutover.handlers;

import io.cutover.aws.testing.RdsRestoreStub;
import io.cutover.aws.testing.StubResponses;
import io.cutover.aws.testing.FormBody;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.cutover.aws.testing.StubResponses.queryCall;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.aws.AwsClients;
import io.cutover.aws.CloudWatchAlarmStates;
import io.cutover.aws.DmsCloudWatchProbe;
import io.cutover.aws.RdsClusterRecovery;
import io.cutover.aws.Route53WeightedRecords;
import io.cutover.aws.SsmKeyValueStore;
import io.cutover.aws.SsmMigrationLock;
import io.cutover.aws.StepFunctionsWorkflowStarter;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.DatabaseSideFactory;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One WireMock server per test class standing in for every AWS endpoint, and the handlers wired exactly as
 * {@code AwsWiring} wires them (the real adapters over the real SDK clients) but pointed at the stub. The
 * stored config is the repository's {@code config/example.json}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StubbedAwsTest {
    static final String MIGRATION = "orders-db";
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String TASK_ONE = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE";
    static final String TASK_TWO = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKTWO";
    static final String DMS_INSTANCE = "arn:aws:dms:eu-west-1:123456789012:rep:5UAX6IVZH2EGBH37TZH3RFMQOHQQQX2MNM6QWSY";
    static final String ZONE = "Z0123456789ABCDEFGHIJ";
    static final String WRITER_RECORD = "db.orders.internal.example.com";
    static final String READER_RECORD = "db-ro.orders.internal.example.com";
    static final String STATE_MACHINE_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:orders-db-cutover";
    static final List<String> ALARMS = List.of("orders-aurora-cpu-high", "orders-dms-cdc-latency-high");
    /** Short waits so a test spends its time on requests, not on backoff; production uses Pacing.defaults(). */
    static final Route53WeightedRecords.Pacing FAST = new Route53WeightedRecords.Pacing(
            Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofMillis(20), Duration.ofSeconds(5));

    static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset/?";
    private static final String READ_ONLY_PREFIXES = "Get|Describe|List";

    protected final ParameterStoreStub parameterStore = new ParameterStoreStub();
    protected final UnreachableDatabases databases = new UnreachableDatabases();
    protected final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    protected WireMockServer wireMock;
    protected AwsClients clients;

    @BeforeAll
    void startStub() {
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(parameterStore));
        wireMock.start();
        clients = AwsClients.forEndpoint(URI.create("http://127.0.0.1:" + wireMock.port()), Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")));
    }

    @AfterAll
    void stopStub() {
        clients.close();
        wireMock.stop();
    }

    @BeforeEach
    void resetStub() {
        wireMock.resetAll();
        parameterStore.clear();
        databases.reset();
        // Anything no test stubbed is a loud 404 (and still lands in the journal the assertions read).
        wireMock.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404)
                .withBody("no stub for this request")));
        wireMock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", containing("AmazonSSM."))
                .willReturn(aResponse().withTransformers(ParameterStoreStub.NAME)));
    }

    /** The handlers' cloud side as AwsWiring builds it, every client at the stub. */
    CloudPorts ports() {
        return ports(FAST);
    }

    CloudPorts ports(Route53WeightedRecords.Pacing route53Pacing) {
        DmsCloudWatchProbe dms = new DmsCloudWatchProbe(clients::dms, clients::cloudWatch, clock,
                Duration.ofMinutes(1));
        return new CloudPorts(
                // Route 53 waits and retries against a deadline: it needs a clock that moves.
                new Route53WeightedRecords(clients::route53, route53Pacing, Clock.systemUTC(), SecureRandom::new),
                new SsmKeyValueStore(clients::ssm),
                new SsmMigrationLock(clients::ssm, "/cutover", clock),
                dms,
                dms,
                new CloudWatchAlarmStates(clients::cloudWatch),
                new RdsClusterRecovery(clients::rds),
                new StepFunctionsWorkflowStarter(clients::sfn, stateMachineArn()),
                databaseSides(),
                clock);
    }

    /** The databases the handlers open; IamCallPathsIT also drives its paths with healthy ones. */
    DatabaseSideFactory databaseSides() {
        return databases;
    }

    /** The state machine the functions start; IamCallPathsIT names the deployed one. */
    String stateMachineArn() {
        return STATE_MACHINE_ARN;
    }

    // --- the account's contents ---

    /** Readers half on the target, writer on the source, replication healthy, every alarm OK: a cutover under way. */
    void givenACutoverUnderWay() {
        givenStoredConfig();
        givenState(Phase.SHIFTING, 50, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenHealthyReplication();
        givenAuroraPostgresqlTarget();
        givenStepFunctionsStartsExecutions();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 50, 50).acceptingChanges();
    }

    void givenStoredConfig() {
        givenStoredConfig(RepoFiles.read("config/example.json"));
    }

    void givenStoredConfig(String json) {
        givenParameter("config", json);
    }

    void givenParameter(String name, String value) {
        parameterStore.seed("/cutover/" + MIGRATION + "/" + name, value);
    }

    void givenState(Phase phase, int readerPercent, String executionName) {
        givenParameter("state", Json.write(new CutoverState(MIGRATION, phase, readerPercent, executionName,
                NOW.minusSeconds(600), List.of())));
    }

    void givenLockHeldBy(String owner) {
        givenParameter("lock", "{\"owner\":\"" + owner + "\",\"acquiredAt\":\"" + NOW.minusSeconds(900) + "\"}");
    }

    Route53Records givenRoute53() {
        return new Route53Records();
    }

    /** Both DMS tasks running, CDC latency 3 s at three fresh samples, every alarm OK, tables validated. */
    void givenHealthyReplication() {
        givenHealthyReplication(NOW);
    }

    /** As {@link #givenHealthyReplication()}, the samples fresh at {@code now} (a handler on the system clock). */
    void givenHealthyReplication(Instant now) {
        givenHealthyReplicationWithDatapointsAt(List.of(now.minusSeconds(150), now.minusSeconds(90),
                now.minusSeconds(30)));
    }

    /** As {@link #givenHealthyReplication()}, CloudWatch holding one-minute datapoints labelled {@code at}. */
    void givenHealthyReplicationWithDatapointsAt(List<Instant> at) {
        wireMock.stubFor(dmsCall("DescribeReplicationTasks").willReturn(StubResponses.json(AwsResponses.dmsTasks(List.of(
                AwsResponses.dmsTask(TASK_ONE, DMS_INSTANCE, "running"),
                AwsResponses.dmsTask(TASK_TWO, DMS_INSTANCE, "running"))))));
        wireMock.stubFor(dmsCall("DescribeReplicationInstances").willReturn(StubResponses.json(
                AwsResponses.dmsInstance(DMS_INSTANCE, "orders-dms"))));
        for (String task : List.of(TASK_ONE, TASK_TWO)) {
            wireMock.stubFor(dmsCall("DescribeTableStatistics")
                    .withRequestBody(matchingJsonPath("$.ReplicationTaskArn", equalTo(task)))
                    .willReturn(StubResponses.json(AwsResponses.tableStatistics(task))));
        }
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(StubResponses.metricResult("t" + i + "_src", at, List.of(2.0, 1.0, 2.0)));
            results.add(StubResponses.metricResult("t" + i + "_tgt", at, List.of(1.0, 1.0, 0.5)));
            results.add(StubResponses.metricResult("t" + i + "_inc", at, List.of(4.0, 0.0, 1.0)));
        }
        wireMock.stubFor(queryCall("GetMetricData").willReturn(StubResponses.xml(AwsResponses.metricData(results))));
        givenAlarms("OK");
    }

    void givenAlarms(String state) {
        wireMock.stubFor(queryCall("DescribeAlarms").willReturn(StubResponses.xml(AwsResponses.alarms(ALARMS, state))));
    }

    /**
     * The target cluster as RDS describes it, and a point-in-time restore into orders-aurora-restored that behaves
     * as RDS's does: creating for two looks, an instance refused until available (RdsRestoreStub).
     */
    RdsRestoreStub givenAuroraPostgresqlTarget() {
        wireMock.stubFor(queryCall("DescribeDBClusters").willReturn(StubResponses.xml(
                AwsResponses.postgresClusters("orders-aurora", NOW.minusSeconds(300)))));
        wireMock.stubFor(queryCall("DescribeDBInstances").willReturn(StubResponses.xml(AwsResponses.writerInstance())));
        return RdsRestoreStub.install(wireMock, "orders-aurora-restored", "orders-aurora-restored-writer",
                "aurora-postgresql", 2, 1);
    }

    /** Execution {@code name} runs: a start of that name with other input is refused, as Step Functions does. */
    void givenStepFunctionsExecutionRunning(String name) {
        wireMock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists:"
                                + " 'arn:aws:states:eu-west-1:123456789012:execution:orders-db-cutover:" + name
                                + "'\"}")));
        wireMock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution"))
                .willReturn(AwsResponses.json10("{\"executionArn\":\"arn:aws:states:eu-west-1:123456789012:execution:"
                        + "orders-db-cutover:" + name + "\",\"stateMachineArn\":\"" + STATE_MACHINE_ARN + "\","
                        + "\"name\":\"" + name + "\",\"status\":\"RUNNING\",\"startDate\":1.7637192E9,"
                        + "\"input\":\"{}\"}")));
    }

    void givenStepFunctionsStartsExecutions() {
        wireMock.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
                .willReturn(AwsResponses.json10("{\"executionArn\":\"arn:aws:states:eu-west-1:123456789012:execution:"
                        + "orders-db-cutover:orders-db-1\",\"startDate\":1.7637192E9}")));
    }

    /** Weighted pairs as ListResourceRecordSets returns them, and ChangeResourceRecordSets accepted. */
    final class Route53Records {
        Route53Records weights(String recordName, int source, int target) {
            return weights(recordName, source, target, 30);
        }

        /** The pair at {@code ttl}; a later call for the same name replaces the answer (WireMock's newest wins). */
        Route53Records weights(String recordName, int source, int target, long ttl) {
            String sourceValue = sourceValue(recordName);
            String targetValue = recordName.equals(WRITER_RECORD)
                    ? "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com"
                    : "orders-aurora.cluster-ro-abcdefghijkl.eu-west-1.rds.amazonaws.com";
            wireMock.stubFor(get(urlPathMatching(RRSET)).withQueryParam("name", equalTo(recordName))
                    .willReturn(AwsResponses.weightedPair(recordName, source, sourceValue, target, targetValue, ttl)));
            return this;
        }

        /** A plain CNAME pointing at the source instead of the pair. */
        Route53Records plain(String recordName, int ttl) {
            wireMock.stubFor(get(urlPathMatching(RRSET)).withQueryParam("name", equalTo(recordName))
                    .willReturn(AwsResponses.plainRecord(recordName, ttl, sourceValue(recordName))));
            return this;
        }

        private static String sourceValue(String recordName) {
            return recordName.equals(WRITER_RECORD) ? "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com"
                    : "orders-pg-replica.abcdefghijkl.eu-west-1.rds.amazonaws.com";
        }

        /** Accepted as PENDING, as Route 53 always answers; GetChange then says INSYNC. */
        Route53Records acceptingChanges() {
            wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(
                    AwsResponses.changeInfo("ChangeResourceRecordSetsResponse", "PENDING")));
            wireMock.stubFor(get(urlPathEqualTo("/2013-04-01/change/" + AwsResponses.CHANGE_ID)).willReturn(
                    AwsResponses.changeInfo("GetChangeResponse", "INSYNC")));
            return this;
        }
    }

    static MappingBuilder dmsCall(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonDMSv20160101." + operation));
    }

    // --- what reached the stub ---

    /** Every request, oldest first, as the AWS operation it invoked. */
    List<String> operations() {
        return requests().stream().map(StubbedAwsTest::operation).toList();
    }

    /** Operations that change something in the account: everything but Get*, Describe* and List*. */
    List<String> mutatingOperations() {
        return operations().stream().filter(op -> !op.matches("(" + READ_ONLY_PREFIXES + ").*")).toList();
    }

    List<LoggedRequest> requests() {
        return wireMock.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    List<LoggedRequest> requestsFor(String operation) {
        return requests().stream().filter(r -> operation(r).equals(operation)).toList();
    }

    /** Parameter names written by PutParameter, in order. */
    List<String> parametersPut() {
        return requestsFor("PutParameter").stream()
                .map(r -> Json.parseTree(r.getBodyAsString(), "PutParameter").path("Name").asText()).toList();
    }

    static String operation(LoggedRequest request) {
        if (request.containsHeader("X-Amz-Target")) {
            String target = request.getHeader("X-Amz-Target");
            return target.substring(target.indexOf('.') + 1);
        }
        String url = request.getUrl();
        if (url.startsWith("/2013-04-01/hostedzone/") && url.contains("/rrset")) {
            return RequestMethod.GET.equals(request.getMethod()) ? "ListResourceRecordSets" : "ChangeResourceRecordSets";
        }
        if (url.startsWith("/2013-04-01/change/")) {
            return "GetChange";
        }
        String action = FormBody.parse(request.getBodyAsString()).get("Action");
        return action != null ? action : request.getMethod() + " " + url;
    }
}
