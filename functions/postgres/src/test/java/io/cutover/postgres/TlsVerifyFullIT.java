package io.cutover.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseCredentials;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.time.Deadline;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.testing.ReplicatedPair;
import io.cutover.postgres.testing.TestCertificates;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections as the functions make them to RDS and Aurora: TLS with {@code verify-full} against a CA bundle given
 * as {@code sslRootCert}. The server here has a certificate for "localhost" signed by a CA made for the test.
 */
@Timeout(120)
class TlsVerifyFullIT {
    @TempDir
    static Path certificates;
    static TestCertificates trusted;
    static TestCertificates other;
    static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServerWithTls() {
        trusted = TestCertificates.create(certificates, "cutover-test-ca", "localhost");
        other = TestCertificates.create(certificates, "someone-elses-ca", "localhost");
        server = EmbeddedPostgresServer.start("tls", ReplicatedPair.BASE_DIRECTORY, Map.of("ssl", "on",
                "ssl_cert_file", trusted.serverCertificate().toString(),
                "ssl_key_file", trusted.serverKey().toString()));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void verifyFull_withTheCaBundle_connectsOverTls() throws SQLException {
        try (Connection c = open("localhost", "verify-full", trusted.caCertificate().toString());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean("ssl")).isTrue();
            assertThat(rs.getString("version")).startsWith("TLSv1.");
        }
    }

    @Test
    void verifyFull_refusesAServerWhoseCertificateAnotherCaSigned() {
        assertThatThrownBy(() -> open("localhost", "verify-full", other.caCertificate().toString()))
                .isInstanceOf(DatabaseStepException.class)
                .hasMessageContaining("cannot connect to localhost:" + server.port());
    }

    @Test
    void verifyFull_refusesAHostNameTheCertificateDoesNotName_whereVerifyCaAcceptsIt() throws SQLException {
        assertThatThrownBy(() -> open("127.0.0.1", "verify-full", trusted.caCertificate().toString()))
                .isInstanceOf(DatabaseStepException.class)
                .hasMessageContaining("127.0.0.1");
        try (Connection c = open("127.0.0.1", "verify-ca", trusted.caCertificate().toString())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void verifyFull_withoutACaBundle_failsNamingTheDriversDefaultFile() {
        // The driver then looks for ~/.postgresql/root.crt, which a Lambda function does not have: why the config
        // requires sslRootCert with verify-ca and verify-full.
        assertThatThrownBy(() -> open("localhost", "verify-full", null))
                .isInstanceOf(DatabaseStepException.class)
                .hasMessageContaining("root.crt");
    }

    private static Connection open(String host, String sslMode, String rootCert) {
        ConnectionSettings settings = ConnectionSettings.withCredentials(
                "jdbc:postgresql://" + host + ":" + server.port() + "/postgres",
                new DatabaseCredentials(EmbeddedPostgresServer.SUPERUSER, ""), sslMode);
        if (rootCert != null) {
            settings = settings.withSslRootCert(rootCert);
        }
        return JdbcConnections.inline(settings).open(Deadline.in(Duration.ofSeconds(20)), "tls test");
    }
}
