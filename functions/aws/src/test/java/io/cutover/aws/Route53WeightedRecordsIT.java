package io.cutover.aws;

import io.cutover.aws.testing.Xml;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.RecordAtName;
import io.cutover.core.port.cloud.RecordChangeRejectedException;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordPairReading;
import io.cutover.core.port.cloud.RecordTarget;
import io.cutover.core.port.cloud.WeightChangeNotConfirmedException;
import io.cutover.core.port.cloud.Weights;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Route53WeightedRecordsIT extends WireMockAwsTest {
    private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final String RRSET = "/2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ/rrset/?";
    private static final String GET_CHANGE = "/2013-04-01/change/C2682N5HXP0BZ4";
    private static final RecordGroupRef WRITER = new RecordGroupRef("orders-writer", "/hostedzone/Z0123456789ABCDEFGHIJ",
            "db.orders.internal.example.com", "CNAME", 30,
            new RecordTarget("source", "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com"),
            new RecordTarget("aurora", "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com"));
    private static final Route53WeightedRecords.Pacing FAST = new Route53WeightedRecords.Pacing(
            Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofMillis(20), Duration.ofSeconds(2));

    private Route53WeightedRecords records() {
        return new Route53WeightedRecords(clients::route53, FAST, Clock.systemUTC(), SecureRandom::new);
    }

    @Test
    void apply_writesBothRecordsInOneUpsertBatch_andWaitsForInSync() {
        // GIVEN Route 53 accepts the batch as PENDING and GetChange reports PENDING twice, then INSYNC
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(changeInfo("ChangeResourceRecordSetsResponse", "PENDING")));
        wireMock.stubFor(get(urlPathEqualTo(GET_CHANGE)).inScenario("propagation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(changeInfo("GetChangeResponse", "PENDING")).willSetStateTo("still pending"));
        wireMock.stubFor(get(urlPathEqualTo(GET_CHANGE)).inScenario("propagation").whenScenarioStateIs("still pending")
                .willReturn(changeInfo("GetChangeResponse", "PENDING")).willSetStateTo("in sync"));
        wireMock.stubFor(get(urlPathEqualTo(GET_CHANGE)).inScenario("propagation").whenScenarioStateIs("in sync")
                .willReturn(changeInfo("GetChangeResponse", "INSYNC")));

        // WHEN the writer group moves to 20/80
        AppliedWeights applied = records().apply(WRITER, new Weights(20, 80), Duration.ofSeconds(5));

        // THEN one batch carried both records, and the adapter polled until INSYNC
        assertThat(applied.changeId()).isEqualTo("C2682N5HXP0BZ4");
        assertThat(applied.attempts()).isEqualTo(1);
        assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo(GET_CHANGE)))).hasSize(3);
        List<LoggedRequest> batches = wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)));
        assertThat(batches).hasSize(1);
        String body = batches.getFirst().getBodyAsString();
        String set = "//ChangeBatch/Changes/Change/ResourceRecordSet/";
        assertThat(Xml.values(body, "//ChangeBatch/Changes/Change/Action")).containsExactly("UPSERT", "UPSERT");
        assertThat(Xml.values(body, set + "SetIdentifier")).containsExactly("source", "aurora");
        assertThat(Xml.values(body, set + "Weight")).containsExactly("20", "80");
        assertThat(Xml.values(body, set + "TTL")).containsExactly("30", "30");
        assertThat(Xml.values(body, set + "Name")).containsOnly("db.orders.internal.example.com");
        assertThat(Xml.values(body, set + "Type")).containsOnly("CNAME");
        assertThat(Xml.values(body, set + "ResourceRecords/ResourceRecord/Value")).containsExactly(
                "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com",
                "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com");
    }

    @Test
    void changeTtl_upsertsBothRecordsWithTheNewTtl_keepingTheWeightsAsGiven_andWaitsForInSync() {
        // GIVEN Route 53 accepts the batch as PENDING and GetChange then reports INSYNC
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(changeInfo("ChangeResourceRecordSetsResponse", "PENDING")));
        wireMock.stubFor(get(urlPathEqualTo(GET_CHANGE)).willReturn(changeInfo("GetChangeResponse", "INSYNC")));

        // WHEN the writer pair, at 70/30 as read, gets a 5 s TTL
        AppliedWeights applied = records().changeTtl(WRITER.withTtl(5), new Weights(70, 30), Duration.ofSeconds(5));

        // THEN one batch UPSERTs both records: same identifiers, values and weights, the one new TTL
        assertThat(applied.weights()).isEqualTo(new Weights(70, 30));
        assertThat(applied.inSyncAt()).isNotNull();
        assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo(GET_CHANGE)))).hasSize(1);
        List<LoggedRequest> batches = wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)));
        assertThat(batches).hasSize(1);
        String body = batches.getFirst().getBodyAsString();
        String set = "//ChangeBatch/Changes/Change/ResourceRecordSet/";
        assertThat(Xml.values(body, "//ChangeBatch/Changes/Change/Action")).containsExactly("UPSERT", "UPSERT");
        assertThat(Xml.values(body, set + "SetIdentifier")).containsExactly("source", "aurora");
        assertThat(Xml.values(body, set + "Weight")).containsExactly("70", "30");
        assertThat(Xml.values(body, set + "TTL")).containsExactly("5", "5");
        assertThat(Xml.values(body, set + "ResourceRecords/ResourceRecord/Value")).containsExactly(
                "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com",
                "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com");
        assertThat(Xml.values(body, "//ChangeBatch/Comment")).singleElement().asString()
                .contains("TTL 5 s", "weights kept");
    }

    @Test
    void changeTtl_retriesPriorRequestNotComplete_thenSendsTheSameBatch() {
        // GIVEN the zone is still busy with the previous change once
        wireMock.stubFor(post(urlPathMatching(RRSET)).inScenario("busy zone").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(route53Error("PriorRequestNotComplete",
                        "The request was rejected because Route 53 was still processing a prior request."))
                .willSetStateTo("free"));
        wireMock.stubFor(post(urlPathMatching(RRSET)).inScenario("busy zone").whenScenarioStateIs("free")
                .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "INSYNC")));

        // WHEN
        AppliedWeights applied = records().changeTtl(WRITER.withTtl(300), new Weights(0, 100), Duration.ofSeconds(5));

        // THEN
        assertThat(applied.attempts()).isEqualTo(2);
        List<LoggedRequest> batches = wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)));
        assertThat(batches).extracting(LoggedRequest::getBodyAsString).containsOnly(batches.getFirst().getBodyAsString());
        assertThat(Xml.values(batches.getFirst().getBodyAsString(), "//ChangeBatch/Changes/Change/ResourceRecordSet/TTL"))
                .containsExactly("300", "300");
    }

    @Test
    void changeTtl_failsAtOnce_namingTheTtl_whenRoute53RejectsTheBatch() {
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(route53Error("InvalidChangeBatch",
                "[RRSet with DNS name db.orders.internal.example.com. is not permitted in zone]")));

        assertThatThrownBy(() -> records().changeTtl(WRITER.withTtl(5), new Weights(100, 0), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TTL 5 s", "orders-writer", "InvalidChangeBatch", "neither record was changed");
        assertThat(wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)))).hasSize(1);
    }

    @Test
    void apply_retriesPriorRequestNotCompleteAndThrottling_thenSucceeds() {
        // GIVEN Route 53 first answers PriorRequestNotComplete, then Throttling, then accepts (already INSYNC)
        wireMock.stubFor(post(urlPathMatching(RRSET)).inScenario("busy zone").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(route53Error("PriorRequestNotComplete",
                        "The request was rejected because Route 53 was still processing a prior request."))
                .willSetStateTo("throttled"));
        wireMock.stubFor(post(urlPathMatching(RRSET)).inScenario("busy zone").whenScenarioStateIs("throttled")
                .willReturn(route53Error("Throttling", "Rate exceeded")).willSetStateTo("free"));
        wireMock.stubFor(post(urlPathMatching(RRSET)).inScenario("busy zone").whenScenarioStateIs("free")
                .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "INSYNC")));

        // WHEN
        AppliedWeights applied = records().apply(WRITER, new Weights(0, 100), Duration.ofSeconds(5));

        // THEN three identical batches were sent: two refused, one accepted; no SDK retry added any
        assertThat(applied.attempts()).isEqualTo(3);
        List<LoggedRequest> batches = wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)));
        assertThat(batches).hasSize(3);
        assertThat(batches).extracting(LoggedRequest::getBodyAsString).containsOnly(batches.getFirst().getBodyAsString());
        assertThat(wireMock.findAll(getRequestedFor(urlPathEqualTo(GET_CHANGE)))).isEmpty();
    }

    @Test
    void apply_reportsNothingSubmitted_whenThrottledUntilTheDeadline() {
        // GIVEN Route 53 throttles every request
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(route53Error("Throttling", "Rate exceeded")));

        // WHEN / THEN the deadline failure says the batch was NOT applied, with both records and weights
        assertThatThrownBy(() -> records().apply(WRITER, new Weights(50, 50), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(WeightChangeNotConfirmedException.class, e -> {
                    assertThat(e.submitted()).isFalse();
                    assertThat(e.changeId()).isEmpty();
                    assertThat(e.attempts()).isGreaterThan(1)
                            .isEqualTo(wireMock.findAll(postRequestedFor(urlPathMatching(RRSET))).size());
                    assertThat(e.getMessage()).contains("NOT applied", "orders-writer", "source=50", "aurora=50",
                            "Throttling", "neither record was changed");
                });
    }

    @Test
    void apply_reportsSubmittedButUnconfirmed_whenTheChangeStaysPendingPastTheDeadline() {
        // GIVEN the batch is accepted but never propagates
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(changeInfo("ChangeResourceRecordSetsResponse", "PENDING")));
        wireMock.stubFor(get(urlPathEqualTo(GET_CHANGE)).willReturn(changeInfo("GetChangeResponse", "PENDING")));

        // WHEN / THEN the failure names the change id and says both records were submitted together
        assertThatThrownBy(() -> records().apply(WRITER, new Weights(80, 20), Duration.ofMillis(300)))
                .isInstanceOfSatisfying(WeightChangeNotConfirmedException.class, e -> {
                    assertThat(e.submitted()).isTrue();
                    assertThat(e.changeId()).contains("C2682N5HXP0BZ4");
                    assertThat(e.getMessage()).contains("submitted but not confirmed", "C2682N5HXP0BZ4",
                            "source=80", "aurora=20", "still PENDING");
                });
        assertThat(wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)))).hasSize(1);
    }

    @Test
    void apply_failsAtOnce_whenRoute53RejectsTheBatch() {
        // GIVEN a batch Route 53 refuses as invalid
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(route53Error("InvalidChangeBatch",
                "RRSet of type CNAME with DNS name db.orders.internal.example.com. is not permitted")));

        // WHEN / THEN no retry, and the error names the group and Route 53's reason
        assertThatThrownBy(() -> records().apply(WRITER, new Weights(50, 50), Duration.ofSeconds(5)))
                .hasMessageContaining("orders-writer").hasMessageContaining("InvalidChangeBatch")
                .hasMessageContaining("neither record was changed");
        assertThat(wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)))).hasSize(1);
    }

    @Test
    void read_returnsBothWeights_startingTheListingAtTheRecordNameAndType() {
        // GIVEN both records exist, followed in the listing by another name
        wireMock.stubFor(get(urlPathMatching(RRSET)).willReturn(recordSets(false, null,
                weighted("db.orders.internal.example.com.", "aurora", 30, "orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com"),
                weighted("db.orders.internal.example.com.", "source", 70, "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com"),
                weighted("db-ro.orders.internal.example.com.", "source", 100, "replica"))));

        // WHEN
        RecordPairReading reading = records().read(WRITER);

        // THEN
        assertThat(reading.complete()).isTrue();
        assertThat(reading.weights()).isEqualTo(new Weights(70, 30));
        assertThat(reading.source().orElseThrow().ttl()).isEqualTo(30L);
        assertThat(reading.target().orElseThrow().value())
                .isEqualTo("orders-aurora.cluster-abcdefghijkl.eu-west-1.rds.amazonaws.com");
        LoggedRequest list = wireMock.findAll(getRequestedFor(urlPathMatching(RRSET))).getFirst();
        assertThat(list.queryParameter("name").firstValue()).isEqualTo("db.orders.internal.example.com");
        assertThat(list.queryParameter("type").firstValue()).isEqualTo("CNAME");
    }

    @Test
    void read_reportsTheMissingRecord_byItsSetIdentifier() {
        // GIVEN only the source record exists
        wireMock.stubFor(get(urlPathMatching(RRSET)).willReturn(recordSets(false, null,
                weighted("db.orders.internal.example.com.", "source", 100, "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com"),
                weighted("db-ro.orders.internal.example.com.", "aurora", 0, "other"))));

        // WHEN
        RecordPairReading reading = records().read(WRITER);

        // THEN the target is reported missing by name, and asking for weights says which record is absent
        assertThat(reading.complete()).isFalse();
        assertThat(reading.missingSetIdentifiers()).containsExactly("aurora");
        assertThatThrownBy(reading::weights).hasMessageContaining("aurora").hasMessageContaining("orders-writer");
    }

    @Test
    void read_followsThePagination_whileTheNextPageContinuesTheSameRecord() {
        // GIVEN the listing is cut between the two records of the group
        wireMock.stubFor(get(urlPathMatching(RRSET)).withQueryParam("identifier", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(recordSets(true, "source",
                        weighted("db.orders.internal.example.com.", "aurora", 0, "orders-aurora"))));
        wireMock.stubFor(get(urlPathMatching(RRSET)).withQueryParam("identifier", com.github.tomakehurst.wiremock.client.WireMock.equalTo("source"))
                .willReturn(recordSets(false, null,
                        weighted("db.orders.internal.example.com.", "source", 255, "orders-pg"))));

        // WHEN
        RecordPairReading reading = records().read(WRITER);

        // THEN both pages were read
        assertThat(reading.weights()).isEqualTo(new Weights(255, 0));
        assertThat(wireMock.findAll(getRequestedFor(urlPathMatching(RRSET)))).hasSize(2);
    }

    @Test
    void read_namesTheGroup_whenTheHostedZoneDoesNotExist() {
        wireMock.stubFor(get(urlPathMatching(RRSET)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/xml").withBody("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code>
                        <Message>No hosted zone found with ID: Z0123456789ABCDEFGHIJ</Message></Error>
                        <RequestId>647cd254-e0d1-44a9-af61-1d6d86ea6b77</RequestId></ErrorResponse>""".formatted(NS))));

        assertThatThrownBy(() -> records().read(WRITER))
                .hasMessageContaining("orders-writer").hasMessageContaining("NoSuchHostedZone");
        assertThat(wireMock.findAll(getRequestedFor(urlPathMatching(RRSET)))).hasSize(1);
    }

    @Test
    void recordsAt_listsEveryRecordSetAtTheName_plainOrWeighted_andStopsAtTheNextName() {
        // GIVEN a plain CNAME at the name, followed in the listing by another name
        wireMock.stubFor(get(urlPathMatching(RRSET)).willReturn(recordSets(false, null, plain(
                "db.orders.internal.example.com.", 300, "orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com"),
                weighted("db-ro.orders.internal.example.com.", "source", 100, "replica"))));

        // WHEN
        List<RecordAtName> found = records().recordsAt(WRITER);

        // THEN the plain record alone, read from the name on (any type)
        assertThat(found).containsExactly(new RecordAtName("CNAME", null, null, 300L,
                List.of("orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com")));
        assertThat(found.getFirst().isPlain()).isTrue();
        LoggedRequest list = wireMock.findAll(getRequestedFor(urlPathMatching(RRSET))).getFirst();
        assertThat(list.queryParameter("name").firstValue()).isEqualTo("db.orders.internal.example.com");
        assertThat(list.queryParameter("type").isPresent()).isFalse();
    }

    @Test
    void adoptPlain_deletesThePlainRecordAsRead_andCreatesThePairAtAllSource_inOneBatch() {
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(changeInfo("ChangeResourceRecordSetsResponse",
                "INSYNC")));
        RecordAtName plain = new RecordAtName("CNAME", null, null, 300L,
                List.of("orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com"));

        AppliedWeights applied = records().adoptPlain(WRITER, plain, Duration.ofSeconds(5));

        assertThat(applied.weights()).isEqualTo(Weights.allSource());
        List<LoggedRequest> batches = wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)));
        assertThat(batches).hasSize(1);
        String body = batches.getFirst().getBodyAsString();
        String set = "//ChangeBatch/Changes/Change/ResourceRecordSet/";
        assertThat(Xml.values(body, "//ChangeBatch/Changes/Change/Action")).containsExactly("DELETE", "CREATE",
                "CREATE");
        assertThat(Xml.values(body, set + "SetIdentifier")).containsExactly("source", "aurora");
        assertThat(Xml.values(body, set + "Weight")).containsExactly("100", "0");
        // The DELETE repeats the plain record's own TTL (Route 53 refuses a DELETE that does not match it)
        assertThat(Xml.values(body, set + "TTL")).containsExactly("300", "30", "30");
    }

    @Test
    void adoptPlain_whenRoute53RefusesTheBatch_failsWithRecordChangeRejected_withoutRetrying() {
        wireMock.stubFor(post(urlPathMatching(RRSET)).willReturn(route53Error("InvalidChangeBatch",
                "[Tried to delete resource record set [name='db.orders.internal.example.com.', type='CNAME'] but the"
                        + " values provided do not match the current values]")));
        RecordAtName plain = new RecordAtName("CNAME", null, null, 300L, List.of("orders-pg"));

        assertThatThrownBy(() -> records().adoptPlain(WRITER, plain, Duration.ofSeconds(5)))
                .isInstanceOf(RecordChangeRejectedException.class)
                .hasMessageContaining("orders-writer").hasMessageContaining("do not match")
                .hasMessageContaining("nothing was changed");
        assertThat(wireMock.findAll(postRequestedFor(urlPathMatching(RRSET)))).hasSize(1);
    }

    private static String plain(String name, int ttl, String value) {
        return """
                <ResourceRecordSet>
                  <Name>%s</Name><Type>CNAME</Type><TTL>%d</TTL>
                  <ResourceRecords><ResourceRecord><Value>%s</Value></ResourceRecord></ResourceRecords>
                </ResourceRecordSet>""".formatted(name, ttl, value);
    }

    private static ResponseDefinitionBuilder changeInfo(String root, String status) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <%s xmlns="%s">
                  <ChangeInfo>
                    <Id>/change/C2682N5HXP0BZ4</Id>
                    <Status>%s</Status>
                    <SubmittedAt>2026-03-10T01:36:41.958Z</SubmittedAt>
                  </ChangeInfo>
                </%s>""".formatted(root, NS, status, root));
    }

    private static ResponseDefinitionBuilder route53Error(String code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ErrorResponse xmlns="%s">
                  <Error>
                    <Type>Sender</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>647cd254-e0d1-44a9-af61-1d6d86ea6b77</RequestId>
                </ErrorResponse>""".formatted(NS, code, message));
    }

    private static String weighted(String name, String setIdentifier, int weight, String value) {
        return """
                <ResourceRecordSet>
                  <Name>%s</Name><Type>CNAME</Type><SetIdentifier>%s</SetIdentifier><Weight>%d</Weight><TTL>30</TTL>
                  <ResourceRecords><ResourceRecord><Value>%s</Value></ResourceRecord></ResourceRecords>
                </ResourceRecordSet>""".formatted(name, setIdentifier, weight, value);
    }

    private static ResponseDefinitionBuilder recordSets(boolean truncated, String nextIdentifier, String... sets) {
        String next = truncated ? """
                <NextRecordName>db.orders.internal.example.com.</NextRecordName>
                <NextRecordType>CNAME</NextRecordType>
                <NextRecordIdentifier>%s</NextRecordIdentifier>""".formatted(nextIdentifier) : "";
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListResourceRecordSetsResponse xmlns="%s">
                  <ResourceRecordSets>%s</ResourceRecordSets>
                  <IsTruncated>%s</IsTruncated>%s
                  <MaxItems>100</MaxItems>
                </ListResourceRecordSetsResponse>""".formatted(NS, String.join("", sets), truncated, next));
    }
}
