package io.cutover.handlers;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.aws.testing.Xml;
import io.cutover.core.json.Json;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.errors.RecordTtlNotRestoredException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * lowerRecordTtl and restoreRecordTtl (issue 20) over the real Route 53 and SSM clients: what each batch carries, what
 * is stored, and that a weight change in between keeps the lowered TTL.
 */
class RecordTtlTasksIT extends StubbedAwsTest {
    private static final String SET = "//ChangeBatch/Changes/Change/ResourceRecordSet/";
    private static final String LOWER = """
            {"task":"lowerRecordTtl","migrationId":"orders-db","executionName":"orders-db-1"}""";
    private static final String RESTORE = """
            {"task":"restoreRecordTtl","migrationId":"orders-db","executionName":"orders-db-1"}""";

    private WorkflowTaskHandler handler() {
        return new WorkflowTaskHandler(ports(), MIGRATION);
    }

    private JsonNode storedLowering() {
        return Json.parseTree(parameterStore.value("/cutover/orders-db/record-ttl").orElseThrow(), "record-ttl");
    }

    private static List<String> values(LoggedRequest batch, String field) {
        return Xml.values(batch.getBodyAsString(), SET + field);
    }

    @Test
    void lowerRecordTtl_setsTheCutoverTtlOnBothRecordsOfEveryGroup_keepingTheWeights_andSaysWhenCachesExpire() {
        // GIVEN config/example.json (dns.cutoverTtlSeconds 5), both pairs at TTL 30, readers already at 20 %
        givenStoredConfig();
        givenState(Phase.READY, 0, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 80, 20, 30).acceptingChanges();
        Instant before = Instant.now();

        // WHEN
        ObjectNode result = handler().handle(LOWER);

        // THEN one UPSERT batch per group: both records, the weights as read, TTL 5
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).hasSize(2);
        assertThat(batches).allSatisfy(batch -> {
            assertThat(Xml.values(batch.getBodyAsString(), "//ChangeBatch/Changes/Change/Action"))
                    .containsExactly("UPSERT", "UPSERT");
            assertThat(values(batch, "TTL")).containsExactly("5", "5");
            assertThat(values(batch, "SetIdentifier")).containsExactly("source", "aurora");
        });
        assertThat(values(batches.get(0), "Weight")).containsExactly("100", "0");
        assertThat(values(batches.get(1), "Weight")).containsExactly("80", "20");
        // AND the originals are stored, and the fence may come once a 30 s answer cached before INSYNC is gone
        assertThat(storedLowering().path("groups")).extracting(g -> g.path("group").asText() + " "
                + g.path("originalTtl").asLong() + " " + g.path("lowered").asBoolean())
                .containsExactly("orders-writer 30 true", "orders-reader 30 true");
        Instant expiry = Instant.parse(result.path("cachesExpireAt").asText());
        assertThat(expiry).isBetween(before.plusSeconds(30), Instant.now().plusSeconds(31));
        assertThat(result.path("configured").asBoolean()).isTrue();
    }

    @Test
    void lowerRecordTtl_repeated_afterTheRecordsWereLowered_keepsTheOriginals_andChangesNothing() {
        // GIVEN a first lowering
        givenStoredConfig();
        givenState(Phase.READY, 0, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 100, 0, 30).acceptingChanges();
        String first = handler().handle(LOWER).path("cachesExpireAt").asText();
        String stored = parameterStore.value("/cutover/orders-db/record-ttl").orElseThrow();
        // AND Route 53 now holds the lowered TTL
        givenRoute53().weights(WRITER_RECORD, 100, 0, 5).weights(READER_RECORD, 100, 0, 5);
        wireMock.resetRequests();

        // WHEN the task runs again (a Lambda retry)
        ObjectNode again = handler().handle(LOWER);

        // THEN nothing is written to Route 53, the stored originals are still 30 s, the expiry is the first one
        assertThat(requestsFor("ChangeResourceRecordSets")).isEmpty();
        assertThat(parameterStore.value("/cutover/orders-db/record-ttl")).contains(stored);
        assertThat(again.path("cachesExpireAt").asText()).isEqualTo(first);
    }

    @Test
    void lowerRecordTtl_leavesAGroupAlreadyAtOrBelowTheCutoverTtl_sayingWhy() {
        // GIVEN dns.cutoverTtlSeconds 60 above the records' 30 s
        ObjectNode config = (ObjectNode) Json.parseTree(RepoFiles.read("config/example.json"), "config");
        config.putObject("dns").put("cutoverTtlSeconds", 60);
        givenStoredConfig(Json.write(config));
        givenState(Phase.READY, 0, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 100, 0, 30).acceptingChanges();

        // WHEN
        ObjectNode result = handler().handle(LOWER);

        // THEN a no-op with the reason per group, and no wait
        assertThat(requestsFor("ChangeResourceRecordSets")).isEmpty();
        assertThat(result.path("groups")).allSatisfy(g -> {
            assertThat(g.path("lowered").asBoolean()).isFalse();
            assertThat(g.path("reason").asText()).contains("already at or below dns.cutoverTtlSeconds 60 s");
        });
        assertThat(Instant.parse(result.path("cachesExpireAt").asText())).isBefore(Instant.now().plusSeconds(2));
    }

    @Test
    void lowerRecordTtl_withoutDnsCutoverTtlSeconds_readsAndChangesNothing() {
        ObjectNode config = (ObjectNode) Json.parseTree(RepoFiles.read("config/example.json"), "config");
        config.remove("dns");
        givenStoredConfig(Json.write(config));
        givenState(Phase.READY, 0, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 100, 0, 30).acceptingChanges();

        ObjectNode result = handler().handle(LOWER);

        assertThat(result.path("configured").asBoolean()).isFalse();
        assertThat(requestsFor("ListResourceRecordSets")).isEmpty();
        assertThat(requestsFor("ChangeResourceRecordSets")).isEmpty();
        assertThat(parameterStore.value("/cutover/orders-db/record-ttl")).isEmpty();
    }

    @Test
    void shiftReaders_afterTheLowering_keepsTheLoweredTtl_withoutReadingTheRecordsAgain() {
        // GIVEN the lowering done, the records at its 5 s, the readers at 20 %
        givenStoredConfig();
        givenState(Phase.READY, 0, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 100, 0, 30).acceptingChanges();
        handler().handle(LOWER);
        givenState(Phase.SHIFTING, 20, "orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 5).weights(READER_RECORD, 80, 20, 5);
        wireMock.resetRequests();

        // WHEN the readers move to 50 %
        handler().handle("""
                {"task":"shiftReaders","migrationId":"orders-db","executionName":"orders-db-1","percent":50}""");

        // THEN the weight change carries the lowered TTL, not the config's 30 s, after one read of each group
        assertThat(requestsFor("ChangeResourceRecordSets")).singleElement().satisfies(batch -> {
            assertThat(values(batch, "Weight")).containsExactly("50", "50");
            assertThat(values(batch, "TTL")).containsExactly("5", "5");
        });
        assertThat(requestsFor("ListResourceRecordSets")).hasSize(2);
    }

    @Test
    void shiftReaders_withoutALowering_writesTheConfigsTtl() {
        givenStoredConfig();
        givenState(Phase.SHIFTING, 20, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 80, 20, 30).acceptingChanges();

        handler().handle("""
                {"task":"shiftReaders","migrationId":"orders-db","executionName":"orders-db-1","percent":50}""");

        assertThat(requestsFor("ChangeResourceRecordSets")).singleElement()
                .satisfies(batch -> assertThat(values(batch, "TTL")).containsExactly("30", "30"));
    }

    @Test
    void restoreRecordTtl_putsTheOriginalsBack_withoutTheLock_once() {
        // GIVEN a lowering stored, the records at 5 s, the cutover completed and the lock no longer this execution's
        givenStoredConfig();
        givenState(Phase.READY, 0, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 100, 0, 30).acceptingChanges();
        handler().handle(LOWER);
        givenLockHeldBy("orders-db-9");
        givenState(Phase.COMPLETED, 100, "orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 0, 100, 5).weights(READER_RECORD, 0, 100, 5);
        wireMock.resetRequests();

        // WHEN
        ObjectNode result = handler().handle(RESTORE);

        // THEN both groups get 30 s back with the weights as read, and the lowering is marked restored
        List<LoggedRequest> batches = requestsFor("ChangeResourceRecordSets");
        assertThat(batches).hasSize(2).allSatisfy(batch -> {
            assertThat(values(batch, "TTL")).containsExactly("30", "30");
            assertThat(values(batch, "Weight")).containsExactly("0", "100");
        });
        assertThat(result.path("restored")).extracting(g -> g.path("group").asText() + " " + g.path("ttl").asLong())
                .containsExactly("orders-writer 30", "orders-reader 30");
        assertThat(storedLowering().path("restoredAt").isTextual()).isTrue();

        // AND a second run is a no-op
        givenRoute53().weights(WRITER_RECORD, 0, 100, 30).weights(READER_RECORD, 0, 100, 30);
        wireMock.resetRequests();
        assertThat(handler().handle(RESTORE).path("detail").asText()).contains("nothing to restore");
        assertThat(requestsFor("ChangeResourceRecordSets")).isEmpty();
    }

    @Test
    void restoreRecordTtl_refusedByRoute53_namesTheGroupsLeftLowered_andKeepsTheLoweringForARetry() {
        // GIVEN a lowering stored, and Route 53 refusing every change afterwards
        givenStoredConfig();
        givenState(Phase.READY, 0, "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 30).weights(READER_RECORD, 100, 0, 30).acceptingChanges();
        handler().handle(LOWER);
        givenState(Phase.ROLLING_BACK, 0, "orders-db-1");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 5).weights(READER_RECORD, 100, 0, 5);
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(AwsResponses.route53Error("InvalidChangeBatch",
                "[Tried to create resource record set but it already exists]")));

        // WHEN / THEN every group was tried, and the error names both
        assertThatThrownBy(() -> handler().handle(RESTORE))
                .isExactlyInstanceOf(RecordTtlNotRestoredException.class)
                .hasMessageContaining("orders-writer (TTL 30 s)", "orders-reader (TTL 30 s)", "InvalidChangeBatch");
        assertThat(storedLowering().path("restoredAt").isNull()).isTrue();
    }
}
