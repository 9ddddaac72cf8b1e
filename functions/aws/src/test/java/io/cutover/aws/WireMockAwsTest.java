package io.cutover.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cutover.aws.testing.StubResponses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * One WireMock server per test class standing in for every AWS endpoint, and the real SDK clients pointed at
 * it: requests and responses go through the SDK's own marshallers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WireMockAwsTest {
    protected WireMockServer wireMock;
    protected AwsClients clients;

    @BeforeAll
    void startStub() {
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wireMock.start();
        clients = AwsClients.forEndpoint(URI.create("http://localhost:" + wireMock.port()), Region.EU_WEST_1,
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
    }

    // --- JSON protocols (SSM, DMS, Secrets Manager: JSON 1.1; Step Functions: JSON 1.0) ---

    static MappingBuilder jsonCall(String target) {
        return StubResponses.jsonCall(target);
    }

    static ResponseDefinitionBuilder json(String body) {
        return StubResponses.json(body);
    }

    static ResponseDefinitionBuilder jsonError(String code, String message) {
        return StubResponses.jsonError(code, message);
    }

    List<LoggedRequest> jsonRequests(String target) {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
    }

    // --- AWS Query protocol (CloudWatch, RDS): form body in, XML out ---

    static MappingBuilder queryCall(String action) {
        return StubResponses.queryCall(action);
    }

    static ResponseDefinitionBuilder xml(String body) {
        return StubResponses.xml(body);
    }

    List<LoggedRequest> queryRequests(String action) {
        return wireMock.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("Action=" + action + "&")));
    }

    int requestCount() {
        return wireMock.getAllServeEvents().size();
    }
}
