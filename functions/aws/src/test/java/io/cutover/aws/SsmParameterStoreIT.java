package io.cutover.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.core.port.cloud.LockAcquisition;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.LockRelease;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsmParameterStoreIT extends WireMockAwsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUT = "AmazonSSM.PutParameter";
    private static final String GET = "AmazonSSM.GetParameter";
    private static final String DELETE = "AmazonSSM.DeleteParameter";
    private static final String LOCK = "/cutover/orders-db/lock";
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:30.123Z");
    private static final Instant EARLIER = Instant.parse("2026-05-04T09:00:00Z");

    private SsmKeyValueStore store() {
        return new SsmKeyValueStore(clients::ssm);
    }

    private SsmMigrationLock lock() {
        return new SsmMigrationLock(clients::ssm, "/cutover", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void get_readsTheDocument_underTheMigrationPath() throws Exception {
        // GIVEN
        wireMock.stubFor(jsonCall(GET).willReturn(json(parameter("/cutover/orders-db/state", "{\"phase\":\"SHIFTING\"}"))));

        // WHEN / THEN
        assertThat(store().get("orders-db", "state")).contains("{\"phase\":\"SHIFTING\"}");
        assertThat(body(jsonRequests(GET).getFirst()).path("Name").asText()).isEqualTo("/cutover/orders-db/state");
    }

    @Test
    void get_isEmpty_whenTheParameterDoesNotExist() {
        wireMock.stubFor(jsonCall(GET).willReturn(jsonError("ParameterNotFound", "Parameter not found")));

        assertThat(store().get("orders-db", "readiness")).isEmpty();
    }

    @Test
    void put_overwrites_inIntelligentTiering_whenTheDocumentFitsTheStandardTier() throws Exception {
        wireMock.stubFor(jsonCall(PUT).willReturn(json("{\"Version\":7,\"Tier\":\"Standard\"}")));

        store().put("orders-db", "state", "{\"phase\":\"BAKING\"}");

        JsonNode sent = body(jsonRequests(PUT).getFirst());
        assertThat(sent.path("Name").asText()).isEqualTo("/cutover/orders-db/state");
        assertThat(sent.path("Value").asText()).isEqualTo("{\"phase\":\"BAKING\"}");
        assertThat(sent.path("Overwrite").asBoolean()).isTrue();
        assertThat(sent.path("Type").asText()).isEqualTo("String");
        assertThat(sent.path("Tier").asText()).isEqualTo("Intelligent-Tiering");
    }

    @Test
    void create_writesWithoutOverwrite_andSaysItCreatedTheDocument() throws Exception {
        wireMock.stubFor(jsonCall(PUT).willReturn(json("{\"Version\":1,\"Tier\":\"Standard\"}")));

        boolean created = store().create("orders-db", "rollback", "{\"requestedBy\":\"api\"}");

        JsonNode sent = body(jsonRequests(PUT).getFirst());
        assertThat(created).isTrue();
        assertThat(sent.path("Name").asText()).isEqualTo("/cutover/orders-db/rollback");
        assertThat(sent.path("Overwrite").asBoolean()).isFalse();
    }

    @Test
    void create_isRefused_whenTheDocumentExists_asParameterStoreAnswers() {
        wireMock.stubFor(jsonCall(PUT).willReturn(jsonError("ParameterAlreadyExists",
                "The parameter already exists. To overwrite this value, set the overwrite option in the request to"
                        + " true.")));

        assertThat(store().create("orders-db", "rollback", "{\"requestedBy\":\"alarm x\"}")).isFalse();
    }

    @Test
    void delete_removesTheDocument_andAMissingOneIsAlreadyDeleted() throws Exception {
        wireMock.stubFor(jsonCall(DELETE).willReturn(jsonError("ParameterNotFound", "Parameter not found")));

        store().delete("orders-db", "rollback");

        assertThat(body(jsonRequests(DELETE).getFirst()).path("Name").asText()).isEqualTo("/cutover/orders-db/rollback");
    }

    @Test
    void put_usesTheAdvancedTier_whenTheDocumentExceeds4096Bytes() throws Exception {
        wireMock.stubFor(jsonCall(PUT).willReturn(json("{\"Version\":1,\"Tier\":\"Advanced\"}")));
        String big = "{\"samples\":\"" + "x".repeat(4100) + "\"}";

        store().put("orders-db", "readiness", big);

        assertThat(body(jsonRequests(PUT).getFirst()).path("Tier").asText()).isEqualTo("Advanced");
    }

    @Test
    void put_refusesADocumentParameterStoreCannotHold_withoutCallingIt() {
        String tooBig = "{\"samples\":\"" + "x".repeat(8200) + "\"}";

        assertThatThrownBy(() -> store().put("orders-db", "readiness", tooBig))
                .hasMessageContaining("/cutover/orders-db/readiness").hasMessageContaining("8192");
        assertThat(requestCount()).isZero();
    }

    @Test
    void acquire_createsTheLockWithOverwriteFalse_andTheOwnerDocument() throws Exception {
        // GIVEN no lock exists
        wireMock.stubFor(jsonCall(PUT).willReturn(json("{\"Version\":1,\"Tier\":\"Standard\"}")));

        // WHEN
        LockAcquisition outcome = lock().acquire("orders-db", "orders-db-1");

        // THEN one atomic create-if-absent carried the owner and the time
        assertThat(outcome).isEqualTo(new LockAcquisition.Acquired(new LockHolder("orders-db-1", NOW), false));
        JsonNode sent = body(jsonRequests(PUT).getFirst());
        assertThat(sent.path("Name").asText()).isEqualTo(LOCK);
        assertThat(sent.path("Overwrite").isBoolean()).isTrue();
        assertThat(sent.path("Overwrite").asBoolean()).isFalse();
        JsonNode document = JSON.readTree(sent.path("Value").asText());
        assertThat(document.path("owner").asText()).isEqualTo("orders-db-1");
        assertThat(document.path("acquiredAt").asText()).isEqualTo("2026-05-04T10:15:30.123Z");
    }

    @Test
    void acquire_isRefused_andNamesTheHolder_whenAnotherExecutionHoldsTheLock() {
        // GIVEN execution orders-db-1 holds the lock
        lockHeldBy("orders-db-1");

        // WHEN execution orders-db-2 tries
        LockAcquisition outcome = lock().acquire("orders-db", "orders-db-2");

        // THEN it is refused with the holder and its acquisition time
        assertThat(outcome).isInstanceOfSatisfying(LockAcquisition.Refused.class, refused -> {
            assertThat(refused.holder()).isEqualTo(new LockHolder("orders-db-1", EARLIER));
            assertThat(refused.reason()).contains("orders-db-1", "orders-db-2", EARLIER.toString());
        });
        assertThat(jsonRequests(PUT)).hasSize(1);
    }

    @Test
    void acquire_bySameOwnerAgain_succeeds_keepingTheOriginalTime() {
        lockHeldBy("orders-db-1");

        LockAcquisition outcome = lock().acquire("orders-db", "orders-db-1");

        assertThat(outcome).isEqualTo(new LockAcquisition.Acquired(new LockHolder("orders-db-1", EARLIER), true));
    }

    @Test
    void acquire_retriesTheCreate_whenTheLockVanishesBetweenCreateAndRead() throws Exception {
        // GIVEN the lock exists at the first create, is gone when read, and the second create succeeds
        wireMock.stubFor(jsonCall(PUT).inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(jsonError("ParameterAlreadyExists", "The parameter already exists.")).willSetStateTo("released"));
        wireMock.stubFor(jsonCall(GET).inScenario("race").whenScenarioStateIs("released")
                .willReturn(jsonError("ParameterNotFound", "")).willSetStateTo("free"));
        wireMock.stubFor(jsonCall(PUT).inScenario("race").whenScenarioStateIs("free")
                .willReturn(json("{\"Version\":1}")));

        // WHEN / THEN
        assertThat(lock().acquire("orders-db", "orders-db-2"))
                .isEqualTo(new LockAcquisition.Acquired(new LockHolder("orders-db-2", NOW), false));
        assertThat(jsonRequests(PUT)).hasSize(2);
    }

    @Test
    void release_byTheOwner_deletesTheLock() throws Exception {
        lockHeldBy("orders-db-1");
        wireMock.stubFor(jsonCall(DELETE).willReturn(json("{}")));

        LockRelease outcome = lock().release("orders-db", "orders-db-1");

        assertThat(outcome).isEqualTo(new LockRelease.Released(new LockHolder("orders-db-1", EARLIER)));
        assertThat(body(jsonRequests(DELETE).getFirst()).path("Name").asText()).isEqualTo(LOCK);
    }

    @Test
    void release_byAnotherExecution_isRefused_andDeletesNothing() {
        lockHeldBy("orders-db-1");
        wireMock.stubFor(jsonCall(DELETE).willReturn(json("{}")));

        LockRelease outcome = lock().release("orders-db", "orders-db-2");

        assertThat(outcome).isInstanceOfSatisfying(LockRelease.Refused.class, refused -> {
            assertThat(refused.holder().owner()).isEqualTo("orders-db-1");
            assertThat(refused.reason()).contains("orders-db-1", "orders-db-2");
        });
        assertThat(jsonRequests(DELETE)).isEmpty();
    }

    @Test
    void release_ofAnAbsentLock_isANoOp() {
        wireMock.stubFor(jsonCall(GET).willReturn(jsonError("ParameterNotFound", "")));
        wireMock.stubFor(jsonCall(DELETE).willReturn(json("{}")));

        assertThat(lock().release("orders-db", "orders-db-1")).isEqualTo(new LockRelease.NotHeld("orders-db"));
        assertThat(jsonRequests(DELETE)).isEmpty();
    }

    @Test
    void acquire_failsClearly_whenTheLockParameterHoldsSomethingElse() {
        wireMock.stubFor(jsonCall(PUT).willReturn(jsonError("ParameterAlreadyExists", "The parameter already exists.")));
        wireMock.stubFor(jsonCall(GET).willReturn(json(parameter(LOCK, "locked by hand"))));

        assertThatThrownBy(() -> lock().acquire("orders-db", "orders-db-2"))
                .hasMessageContaining(LOCK).hasMessageContaining("locked by hand").hasMessageContaining("owner");
    }

    private void lockHeldBy(String owner) {
        wireMock.stubFor(jsonCall(PUT).withRequestBody(containing("\"Overwrite\":false"))
                .willReturn(jsonError("ParameterAlreadyExists", "The parameter already exists. To overwrite this value,"
                        + " set the overwrite option in the request to true.")));
        wireMock.stubFor(jsonCall(GET).willReturn(json(parameter(LOCK,
                "{\"owner\":\"" + owner + "\",\"acquiredAt\":\"" + EARLIER + "\"}"))));
    }

    private static String parameter(String name, String value) {
        try {
            return JSON.writeValueAsString(JSON.createObjectNode().set("Parameter", JSON.createObjectNode()
                    .put("Name", name).put("Type", "String").put("Value", value).put("Version", 3)
                    .put("DataType", "text").put("ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter" + name)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode body(LoggedRequest request) throws Exception {
        return JSON.readTree(request.getBodyAsString());
    }
}
