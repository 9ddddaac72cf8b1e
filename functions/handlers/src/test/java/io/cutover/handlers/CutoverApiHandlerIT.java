package io.cutover.handlers;

import io.cutover.aws.testing.Xml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.aws.Route53WeightedRecords;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CutoverApi over the real AWS adapters and SDK clients, proven by the requests that reached the stub. */
class CutoverApiHandlerIT extends StubbedAwsTest {
    private static final String CHANGE_SET = "//ChangeBatch/Changes/Change/ResourceRecordSet/";

    static Stream<Path> invalidPayloads() throws IOException {
        try (Stream<Path> files = Files.list(RepoFiles.path("test-payloads/invalid"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    static Stream<Path> dryRunPayloads() throws IOException {
        try (Stream<Path> files = Files.list(RepoFiles.path("test-payloads"))) {
            return files.filter(p -> p.getFileName().toString().matches(".*dry-run.*\\.json")).sorted().toList()
                    .stream();
        }
    }

    private CutoverApiHandler handler() {
        return new CutoverApiHandler(ports(), MIGRATION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayloads")
    void invalidPayload_isAnsweredFieldByField_beforeASingleAwsRequest(Path payload) {
        // GIVEN an account that would answer anything
        givenStoredConfig();
        givenHealthyReplication();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 100, 0).acceptingChanges();

        // WHEN
        ObjectNode answer = handler().handle(RepoFiles.read(payload));

        // THEN the answer names the field, and nothing at all was asked of AWS
        assertThat(answer.path("outcome").asText()).isEqualTo("invalid");
        assertThat(answer.path("errors").size()).isPositive();
        answer.path("errors").forEach(error -> {
            assertThat(error.path("field").asText()).isNotBlank();
            assertThat(error.path("expected").asText()).isNotBlank();
        });
        assertThat(requests()).isEmpty();
        assertThat(databases.opens()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dryRunPayloads")
    void dryRun_readsWhatItNeeds_andSendsNoMutatingRequest(Path payload) {
        // GIVEN readers 20 % on the target mid-cutover, replication healthy: every dry run has something to plan
        givenStoredConfig();
        givenState(Phase.SHIFTING, 20, null);
        givenHealthyReplication();
        givenAuroraPostgresqlTarget();
        givenStepFunctionsStartsExecutions();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 80, 20).acceptingChanges();

        // WHEN
        ObjectNode answer = handler().handle(RepoFiles.read(payload));

        // THEN it answered (a plan or a refusal), and only Get/Describe/List requests reached AWS
        String file = payload.getFileName().toString();
        Map<String, String> expected = Map.of(
                "gradual_cutover-50-dry-run.json", "dry_run",
                "rollback-dry-run.json", "dry_run",
                "rollback-pitr-dry-run.json", "dry_run",
                "manual_cutover-dry-run.json", "refused",
                "backtrack-dry-run.json", "refused");
        assertThat(answer.path("outcome").asText()).as(answer.toString())
                .isEqualTo(expected.getOrDefault(file, answer.path("outcome").asText()))
                .isIn("dry_run", "refused", "no_op");
        assertThat(answer.path("dryRun").asBoolean()).isTrue();
        assertThat(requests()).as("a dry run still reads the stored config").isNotEmpty();
        assertThat(mutatingOperations()).isEmpty();
        assertThat(parameterStore.value("/cutover/orders-db/lock")).isEmpty();
    }

    @Test
    void adoptRecords_replacesEachPlainRecordByThePairInOneBatch_andADryRunChangesNothing() {
        // GIVEN both names hold a plain CNAME of the source (a deployment with createRecords: false), no cutover yet
        givenStoredConfig();
        givenState(Phase.IDLE, 0, null);
        givenRoute53().plain(WRITER_RECORD, 300).plain(READER_RECORD, 60).acceptingChanges();

        // WHEN planned, THEN the plan names both groups and nothing is changed
        ObjectNode plan = handler().handle("{\"action\":\"adopt_records\",\"dry_run\":true}");
        assertThat(plan.path("outcome").asText()).as(plan.toString()).isEqualTo("dry_run");
        assertThat(plan.path("groups").findValuesAsText("plan")).containsExactly("Replace", "Replace");
        assertThat(mutatingOperations()).isEmpty();

        // WHEN adopted
        ObjectNode answer = handler().handle(RepoFiles.read("test-payloads/adopt_records.json"));

        // THEN one batch per name: DELETE the plain record as read, CREATE the pair at 100/0
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("applied");
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).hasSize(2);
        String writer = batches.getFirst().getBodyAsString();
        assertThat(Xml.values(writer, "//ChangeBatch/Changes/Change/Action")).containsExactly("DELETE", "CREATE",
                "CREATE");
        assertThat(Xml.values(writer, CHANGE_SET + "TTL")).containsExactly("300", "30", "30");
        assertThat(Xml.values(writer, CHANGE_SET + "Weight")).containsExactly("100", "0");
    }

    @Test
    void adoptRecords_refusesEveryGroup_whenOneNamePointsElsewhere_andChangesNothing() {
        // GIVEN the writer name is a plain record of the source, the reader name already the weighted pair mid-way
        givenStoredConfig();
        givenState(Phase.IDLE, 0, null);
        wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching(RRSET))
                .withQueryParam("name", com.github.tomakehurst.wiremock.client.WireMock.equalTo(WRITER_RECORD))
                .willReturn(AwsResponses.plainRecord(WRITER_RECORD, 300, "legacy-db.example.com")));
        givenRoute53().weights(READER_RECORD, 100, 0).acceptingChanges();

        ObjectNode answer = handler().handle(RepoFiles.read("test-payloads/adopt_records.json"));

        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("refused");
        assertThat(answer.path("message").asText()).contains("legacy-db.example.com", "would move traffic");
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void manualCutoverDryRun_failsTheWriterGate_naming_unreadableControlTables() {
        // GIVEN replication healthy by the DMS API, but the target database cannot be reached
        givenStoredConfig();
        givenState(Phase.SHIFTING, 100, null);
        givenHealthyReplication();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 0, 100);

        // WHEN
        ObjectNode answer = handler().handle(RepoFiles.read("test-payloads/manual_cutover-dry-run.json"));

        // THEN refused by the writer gate, whose failed check says why; table statistics were read per task
        assertThat(answer.path("outcome").asText()).isEqualTo("refused");
        JsonNode unreadable = check(answer, "target control tables");
        assertThat(unreadable.path("passed").asBoolean()).isFalse();
        assertThat(unreadable.path("observed").asText()).startsWith("unreadable: ").contains("connection refused");
        assertThat(answer.path("message").asText()).contains("target control tables");
        assertThat(answer.path("verdict").path("gate").asText()).isEqualTo("WRITER");
        assertThat(databases.opens()).isEqualTo(1);
        assertThat(requestsFor("DescribeTableStatistics")).hasSize(2);
        assertThat(mutatingOperations()).isEmpty();
    }

    @Test
    void gradualCutover20_upsertsTheReaderPairOnly_thenRepeatingItChangesNothing() {
        // GIVEN every record on the source and replication healthy (3 samples below 30 s in 180 s, both tasks running)
        givenStoredConfig();
        givenHealthyReplication();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 100, 0).acceptingChanges();
        CutoverApiHandler api = handler();

        // WHEN readers move to 20 %
        ObjectNode first = api.handle(RepoFiles.read("test-payloads/gradual_cutover-20.json"));

        // THEN exactly one change batch: both records of the reader group, 80/20, TTL 30, in one UPSERT batch
        assertThat(first.path("outcome").asText()).as(first.toString()).isEqualTo("applied");
        assertThat(first.path("phase").asText()).isEqualTo("SHIFTING");
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst().getUrl()).isEqualTo("/2013-04-01/hostedzone/" + ZONE + "/rrset/");
        String body = batches.getFirst().getBodyAsString();
        assertThat(Xml.values(body, "//ChangeBatch/Changes/Change/Action")).containsExactly("UPSERT", "UPSERT");
        assertThat(Xml.values(body, CHANGE_SET + "Name")).containsOnly(READER_RECORD);
        assertThat(Xml.values(body, CHANGE_SET + "SetIdentifier")).containsExactly("source", "aurora");
        assertThat(Xml.values(body, CHANGE_SET + "Weight")).containsExactly("80", "20");
        assertThat(Xml.values(body, CHANGE_SET + "TTL")).containsExactly("30", "30");
        assertThat(Xml.values(body, CHANGE_SET + "Type")).containsOnly("CNAME");
        assertThat(body).doesNotContain(WRITER_RECORD + "<");
        // AND it waited for INSYNC, took and gave back the lock, and recorded the phase
        assertThat(requestsFor("GetChange")).isNotEmpty();
        assertThat(parametersPut()).contains("/cutover/orders-db/lock", "/cutover/orders-db/state");
        assertThat(requestsFor("DeleteParameter")).extracting(r -> Json.parseTree(r.getBodyAsString(), "delete")
                .path("Name").asText()).containsExactly("/cutover/orders-db/lock");
        assertThat(Json.parseTree(parameterStore.value("/cutover/orders-db/state").orElseThrow(), "state")
                .path("readerPercent").asInt()).isEqualTo(20);

        // WHEN the same shift is invoked again, Route 53 now listing the reader pair at 80/20
        givenRoute53().weights(READER_RECORD, 80, 20);
        wireMock.resetRequests();
        ObjectNode second = api.handle(RepoFiles.read("test-payloads/gradual_cutover-20.json"));

        // THEN nothing is written to Route 53
        assertThat(second.path("outcome").asText()).as(second.toString()).isEqualTo("no_op");
        assertThat(requestsFor("ChangeResourceRecordSets")).isEmpty();
        assertThat(requestsFor("ListResourceRecordSets")).hasSize(2);
    }

    @Test
    void gradualCutover_whileAWorkflowHoldsTheLock_isRefusedNamingTheHolder_andChangesNoRecord() {
        // GIVEN execution orders-db-1 holds the migration lock
        givenStoredConfig();
        givenLockHeldBy("orders-db-1");
        givenHealthyReplication();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 100, 0).acceptingChanges();

        // WHEN a second cutover is asked for
        ObjectNode answer = handler().handle(RepoFiles.read("test-payloads/gradual_cutover-20.json"));

        // THEN refused, naming the holder; the create-if-absent was tried and failed; no record changed
        assertThat(answer.path("outcome").asText()).isEqualTo("refused");
        assertThat(answer.path("message").asText()).contains("orders-db-1");
        List<LoggedRequest> lockPuts = requestsFor("PutParameter").stream()
                .filter(r -> r.getBodyAsString().contains("/cutover/orders-db/lock")).toList();
        assertThat(lockPuts).hasSize(1);
        assertThat(Json.parseTree(lockPuts.getFirst().getBodyAsString(), "put").path("Overwrite").asBoolean(true))
                .isFalse();
        assertThat(requestsFor("ChangeResourceRecordSets")).isEmpty();
        assertThat(requestsFor("DeleteParameter")).isEmpty();
        assertThat(parameterStore.value("/cutover/orders-db/lock")).get().asString().contains("orders-db-1");
    }

    @Test
    void gradualCutover_retriesThrottlingAndPriorRequestNotComplete_withTheProductionPacing_andSucceeds() {
        // GIVEN Route 53 answers PriorRequestNotComplete, then Throttling, then accepts the batch
        givenStoredConfig();
        givenHealthyReplication();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 100, 0).acceptingChanges();
        String rrset = "/2013-04-01/hostedzone/" + ZONE + "/rrset/?";
        wireMock.stubFor(post(urlPathMatching(rrset)).inScenario("busy zone").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AwsResponses.route53Error("PriorRequestNotComplete",
                        "The request was rejected because Route 53 was still processing a prior request."))
                .willSetStateTo("throttled"));
        wireMock.stubFor(post(urlPathMatching(rrset)).inScenario("busy zone").whenScenarioStateIs("throttled")
                .willReturn(AwsResponses.route53Error("Throttling", "Rate exceeded")).willSetStateTo("free"));
        wireMock.stubFor(post(urlPathMatching(rrset)).inScenario("busy zone").whenScenarioStateIs("free")
                .willReturn(AwsResponses.changeInfo("ChangeResourceRecordSetsResponse", "INSYNC")));

        // WHEN
        ObjectNode answer = new CutoverApiHandler(ports(Route53WeightedRecords.Pacing.defaults()), MIGRATION)
                .handle(RepoFiles.read("test-payloads/gradual_cutover-20.json"));

        // THEN the shift succeeded on the third of three identical batches
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("applied");
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).hasSize(3);
        assertThat(batches).extracting(LoggedRequest::getBodyAsString).containsOnly(batches.getFirst().getBodyAsString());
        assertThat(Xml.values(batches.getLast().getBodyAsString(), CHANGE_SET + "Weight")).containsExactly("80", "20");
        assertThat(parameterStore.value("/cutover/orders-db/lock")).isEmpty();
    }

    @Test
    void dnsRollback_movesTheReadersBackInOneBatch_readingEachRecordGroupOnce() {
        // GIVEN readers half on the target
        givenStoredConfig();
        givenState(Phase.SHIFTING, 50, null);
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 50, 50).acceptingChanges();

        // WHEN a DNS rollback is requested
        ObjectNode answer = handler().handle(RepoFiles.read("test-payloads/rollback-dns.json"));

        // THEN the reader pair goes back to 100/0 in one batch, and the decision and the revert share one read
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("applied");
        assertThat(answer.path("phase").asText()).isEqualTo("ROLLED_BACK");
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).hasSize(1);
        assertThat(Xml.values(batches.getFirst().getBodyAsString(), CHANGE_SET + "Weight")).containsExactly("100", "0");
        assertThat(requestsFor("ListResourceRecordSets")).hasSize(2);
    }

    @Test
    void rollbackWithBacktrack_onAuroraPostgresql_isRefusedNamingPitr_andChangesNothing() {
        // GIVEN readers half on the target of an Aurora PostgreSQL migration
        givenStoredConfig();
        givenState(Phase.SHIFTING, 50, null);
        givenHealthyReplication();
        givenAuroraPostgresqlTarget();
        givenRoute53().weights(WRITER_RECORD, 100, 0).weights(READER_RECORD, 50, 50).acceptingChanges();

        // WHEN
        ObjectNode answer = handler().handle(RepoFiles.read("test-payloads/rollback-backtrack.json"));

        // THEN
        assertThat(answer.path("outcome").asText()).isEqualTo("refused");
        assertThat(answer.path("message").asText()).contains("pitr").containsIgnoringCase("backtrack");
        assertThat(mutatingOperations()).isEmpty();
    }

    private static JsonNode check(ObjectNode answer, String name) {
        for (JsonNode check : answer.path("verdict").path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named '" + name + "' in " + answer.path("verdict"));
    }
}
