package io.cutover.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.core.port.db.DatabaseCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsManagerSecretResolverIT extends WireMockAwsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GET = "secretsmanager.GetSecretValue";
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders-source-admin-AbCdEf";
    private static final String PASSWORD = "s3cr3t-Pa55w0rd!";

    private SecretsManagerSecretResolver resolver() {
        return new SecretsManagerSecretResolver(clients::secretsManager);
    }

    @Test
    void resolve_readsUsernameAndPassword_fromTheRdsSecretFormat() throws Exception {
        stubSecret("{\"engine\":\"postgres\",\"host\":\"orders-pg\",\"port\":5432,\"username\":\"cutover_admin\","
                + "\"password\":\"" + PASSWORD + "\",\"dbname\":\"orders\"}");

        DatabaseCredentials credentials = resolver().resolve(ARN);

        assertThat(credentials).isEqualTo(new DatabaseCredentials("cutover_admin", PASSWORD));
        assertThat(JSON.readTree(jsonRequests(GET).getFirst().getBodyAsString()).path("SecretId").asText()).isEqualTo(ARN);
    }

    @Test
    void resolve_namesTheSecretAndTheMissingField_withoutPrintingTheSecret() {
        stubSecret("{\"username\":\"cutover_admin\",\"pass\":\"" + PASSWORD + "\"}");

        assertThatThrownBy(() -> resolver().resolve(ARN))
                .hasMessageContaining(ARN).hasMessageContaining("password")
                .satisfies(e -> assertThat(everyMessage(e)).doesNotContain(PASSWORD));
    }

    @Test
    void resolve_reportsMalformedJson_byPositionOnly() {
        stubSecret("{\"username\":\"cutover_admin\",\"password\":" + PASSWORD + "}");

        assertThatThrownBy(() -> resolver().resolve(ARN))
                .hasMessageContaining(ARN).hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(everyMessage(e)).doesNotContain(PASSWORD).doesNotContain("s3cr3t"));
    }

    @Test
    void resolve_namesTheSecret_whenItDoesNotExist() {
        wireMock.stubFor(jsonCall(GET).willReturn(jsonError("ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.")));

        assertThatThrownBy(() -> resolver().resolve(ARN)).hasMessageContaining(ARN).hasMessageContaining("does not exist");
    }

    private void stubSecret(String secretString) {
        wireMock.stubFor(jsonCall(GET).willReturn(json(JSON.createObjectNode().put("ARN", ARN)
                .put("Name", "orders-source-admin").put("VersionId", "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE")
                .put("SecretString", secretString).put("CreatedDate", 1.523477145713E9).toString())));
    }

    /** Message and cause chain, the way a log line with a stack trace would show the failure. */
    private static String everyMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
