package io.cutover.core.port.db;

import java.util.Objects;
import java.util.Set;

/**
 * How to reach one PostgreSQL database. Every timeout is there so that a hung database cannot hang
 * the workflow: connect and login are bounded, every socket read is bounded, and the server itself
 * cancels statements and lock waits that run too long.
 *
 * @param jdbcUrl                {@code jdbc:postgresql://host:port/db}; credentials and SSL go in the other fields
 * @param secretArn              where the credentials are (resolved by a {@link SecretResolver}); null when inline
 * @param credentials            inline credentials (local rehearsal, tests); null when {@code secretArn} is set
 * @param sslMode                one of {@code disable, allow, prefer, require, verify-ca, verify-full}
 * @param sslRootCertPath        CA bundle file for {@code verify-ca}/{@code verify-full} (e.g. the RDS global bundle); null = driver default
 * @param connectTimeoutMillis   TCP connect and login
 * @param socketTimeoutMillis    longest wait for any single reply from the server
 * @param statementTimeoutMillis server-side {@code statement_timeout} (0 = off)
 * @param lockTimeoutMillis      server-side {@code lock_timeout} (0 = off)
 * @param applicationName        shown in {@code pg_stat_activity.application_name}
 */
public record ConnectionSettings(
        String jdbcUrl,
        String secretArn,
        DatabaseCredentials credentials,
        String sslMode,
        String sslRootCertPath,
        long connectTimeoutMillis,
        long socketTimeoutMillis,
        long statementTimeoutMillis,
        long lockTimeoutMillis,
        String applicationName) {

    public static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_SOCKET_TIMEOUT_MILLIS = 60_000;
    public static final long DEFAULT_STATEMENT_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 5_000;
    public static final String DEFAULT_APPLICATION_NAME = "cutover";

    public ConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was " + jdbcUrl);
        }
        if ((secretArn == null) == (credentials == null)) {
            throw new IllegalArgumentException(
                    "exactly one of secretArn and credentials must be set for " + jdbcUrl);
        }
        sslMode = sslMode == null ? "verify-full" : sslMode;
        if (!SSL_MODES.contains(sslMode)) {
            throw new IllegalArgumentException("sslMode must be one of " + SSL_MODES + ", was " + sslMode);
        }
        requirePositive("connectTimeoutMillis", connectTimeoutMillis);
        requirePositive("socketTimeoutMillis", socketTimeoutMillis);
        requireNotNegative("statementTimeoutMillis", statementTimeoutMillis);
        requireNotNegative("lockTimeoutMillis", lockTimeoutMillis);
        applicationName = applicationName == null ? DEFAULT_APPLICATION_NAME : applicationName;
    }

    /** Credentials from a secret, default timeouts. */
    public static ConnectionSettings withSecret(String jdbcUrl, String secretArn, String sslMode) {
        return new ConnectionSettings(jdbcUrl, secretArn, null, sslMode, null,
                DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_SOCKET_TIMEOUT_MILLIS,
                DEFAULT_STATEMENT_TIMEOUT_MILLIS, DEFAULT_LOCK_TIMEOUT_MILLIS, DEFAULT_APPLICATION_NAME);
    }

    /** Inline credentials, default timeouts. */
    public static ConnectionSettings withCredentials(String jdbcUrl, DatabaseCredentials credentials, String sslMode) {
        return new ConnectionSettings(jdbcUrl, null, credentials, sslMode, null,
                DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_SOCKET_TIMEOUT_MILLIS,
                DEFAULT_STATEMENT_TIMEOUT_MILLIS, DEFAULT_LOCK_TIMEOUT_MILLIS, DEFAULT_APPLICATION_NAME);
    }

    public ConnectionSettings withSslRootCert(String path) {
        return new ConnectionSettings(jdbcUrl, secretArn, credentials, sslMode, path, connectTimeoutMillis,
                socketTimeoutMillis, statementTimeoutMillis, lockTimeoutMillis, applicationName);
    }

    public ConnectionSettings withTimeouts(long connectMillis, long socketMillis, long statementMillis, long lockMillis) {
        return new ConnectionSettings(jdbcUrl, secretArn, credentials, sslMode, sslRootCertPath, connectMillis,
                socketMillis, statementMillis, lockMillis, applicationName);
    }

    public ConnectionSettings withApplicationName(String name) {
        return new ConnectionSettings(jdbcUrl, secretArn, credentials, sslMode, sslRootCertPath,
                connectTimeoutMillis, socketTimeoutMillis, statementTimeoutMillis, lockTimeoutMillis, name);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
