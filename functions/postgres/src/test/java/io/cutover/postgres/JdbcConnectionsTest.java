package io.cutover.postgres;

import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseCredentials;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.time.Deadline;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcConnectionsTest {
    private static final DatabaseCredentials ADMIN = new DatabaseCredentials("admin", "s3cret");
    private static final String URL = "jdbc:postgresql://orders-pg.example.com:5432/orders";

    @Test
    void properties_boundEveryWait_andSetServerSideTimeouts() {
        // GIVEN verify-full with a CA bundle and explicit timeouts
        ConnectionSettings settings = ConnectionSettings.withCredentials(URL, ADMIN, "verify-full")
                .withSslRootCert("/opt/certs/global-bundle.pem")
                .withTimeouts(10_000, 60_000, 30_000, 5_000);

        // WHEN the driver properties are built with plenty of time left
        Properties p = JdbcConnections.inline(settings).properties(ADMIN, 120_000);

        // THEN every wait is bounded and the server cancels long statements and lock waits
        assertThat(p.getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(p.getProperty("sslrootcert")).isEqualTo("/opt/certs/global-bundle.pem");
        assertThat(p.getProperty("connectTimeout")).isEqualTo("10");
        assertThat(p.getProperty("loginTimeout")).isEqualTo("10");
        assertThat(p.getProperty("socketTimeout")).isEqualTo("60");
        assertThat(p.getProperty("options"))
                .isEqualTo("-c statement_timeout=30000 -c lock_timeout=5000 -c TimeZone=UTC");
        assertThat(p.getProperty("user")).isEqualTo("admin");
        assertThat(p.getProperty("ApplicationName")).isEqualTo("cutover");
    }

    @Test
    void properties_shortenTheConnectTimeout_toWhatIsLeftOfTheDeadline() {
        ConnectionSettings settings = ConnectionSettings.withCredentials(URL, ADMIN, "require");

        Properties p = JdbcConnections.inline(settings).properties(ADMIN, 1_500);

        assertThat(p.getProperty("connectTimeout")).isEqualTo("2");
        assertThat(p.getProperty("loginTimeout")).isEqualTo("2");
        // no CA bundle configured: the driver's default applies
        assertThat(p.getProperty("sslrootcert")).isNull();
    }

    @Test
    void credentials_fromASecret_areResolvedOnce() throws Exception {
        // GIVEN a secret-backed setting pointing at a local port nobody listens on
        List<String> resolved = new ArrayList<>();
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/orders";
            ConnectionSettings settings = ConnectionSettings.withSecret(url, "arn:secret", "disable")
                    .withTimeouts(1_000, 1_000, 1_000, 1_000);
            JdbcConnections db = new JdbcConnections(settings, arn -> {
                resolved.add(arn);
                return ADMIN;
            });

            // WHEN two connection attempts fail
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> db.open(Deadline.in(Duration.ofSeconds(3)), "test"))
                        .isInstanceOf(DatabaseStepException.class)
                        .hasMessageContaining("cannot connect to 127.0.0.1:" + port + "/orders");
            }
        }

        // THEN the secret was read once
        assertThat(resolved).containsExactly("arn:secret");
    }

    @Test
    void describe_namesHostPortAndDatabase_withoutParameters() {
        ConnectionSettings settings = ConnectionSettings.withCredentials(URL + "?sslfactory=x&password=leak", ADMIN,
                "require");

        assertThat(JdbcConnections.inline(settings).describe()).isEqualTo("orders-pg.example.com:5432/orders");
    }

    @Test
    void secretSettings_needAResolver() {
        ConnectionSettings settings = ConnectionSettings.withSecret(URL, "arn:secret", "verify-full");

        assertThatThrownBy(() -> new JdbcConnections(settings, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arn:secret");
    }
}
