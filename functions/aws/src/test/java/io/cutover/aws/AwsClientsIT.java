package io.cutover.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientsIT extends WireMockAwsTest {
    private AwsClients retrying;

    @BeforeAll
    void buildRetryingClients() {
        retrying = new AwsClients(new AwsClients.Settings(Region.EU_WEST_1,
                Optional.of(URI.create("http://localhost:" + wireMock.port())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10), 3));
    }

    @AfterAll
    void closeRetryingClients() {
        retrying.close();
    }

    @Test
    void route53_isNotRetriedByTheSdk_whileOtherServicesAre() {
        // GIVEN every endpoint answers 503
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("busy")));

        // WHEN a Route 53 call and an SSM call fail
        assertThatThrownBy(() -> retrying.route53().getChange(r -> r.id("C2682N5HXP0BZ4"))).isInstanceOf(SdkException.class);
        int route53Attempts = requestCount();
        assertThatThrownBy(() -> retrying.ssm().getParameter(r -> r.name("/cutover/orders-db/state")))
                .isInstanceOf(SdkException.class);
        int ssmAttempts = requestCount() - route53Attempts;

        // THEN Route 53 was tried once (our adapter owns its retries) and SSM three times (SDK standard retries)
        assertThat(route53Attempts).isEqualTo(1);
        assertThat(ssmAttempts).isEqualTo(3);
    }

    @Test
    void clients_areBuiltOnce_andReused() {
        assertThat(retrying.dms()).isSameAs(retrying.dms());
        assertThat(retrying.cloudWatch()).isSameAs(retrying.cloudWatch());
    }
}
