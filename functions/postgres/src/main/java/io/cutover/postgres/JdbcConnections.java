package io.cutover.postgres;

import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseCredentials;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.SecretResolver;
import io.cutover.core.time.Deadline;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens plain JDBC connections to one database (no pool: a Lambda invocation opens a handful).
 * Credentials from a secret are resolved once and reused; an authentication failure resolves them
 * again once, so a rotated secret does not fail the step.
 */
public final class JdbcConnections {
    /** Reads from the server may take this long past the statement timeout before the socket gives up. */
    static final long SOCKET_GRACE_MILLIS = 2_000;
    private static final String INVALID_PASSWORD = "28P01";

    private final ConnectionSettings settings;
    private final SecretResolver secrets;
    private volatile DatabaseCredentials resolved;

    public JdbcConnections(ConnectionSettings settings, SecretResolver secrets) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.secretArn() != null && secrets == null) {
            throw new IllegalArgumentException("a SecretResolver is needed for " + settings.secretArn());
        }
        this.secrets = secrets;
    }

    /** For settings with inline credentials. */
    public static JdbcConnections inline(ConnectionSettings settings) {
        return new JdbcConnections(settings, null);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** host:port/database of the URL, for messages (the URL itself may carry parameters). */
    public String describe() {
        String rest = settings.jdbcUrl().substring("jdbc:".length());
        try {
            URI uri = URI.create(rest);
            String path = uri.getPath() == null ? "" : uri.getPath();
            return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        } catch (IllegalArgumentException e) {
            int q = rest.indexOf('?');
            return q < 0 ? rest : rest.substring(0, q);
        }
    }

    /**
     * The same database as a libpq connection string, for a server that connects to this one itself (a subscription's
     * {@code CONNECTION}): host, port and database of the URL, the login and password, the SSL mode and CA bundle.
     * Values are quoted as libpq reads them (PostgreSQL docs, libpq Connection Strings: single quotes, backslash
     * escapes).
     */
    public String libpqConninfo() {
        URI uri = URI.create(settings.jdbcUrl().substring("jdbc:".length()));
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        DatabaseCredentials login = credentials(false);
        StringBuilder conninfo = new StringBuilder()
                .append("host=").append(libpqValue(uri.getHost()))
                .append(" port=").append(uri.getPort() < 0 ? 5432 : uri.getPort())
                .append(" dbname=").append(libpqValue(database))
                .append(" user=").append(libpqValue(login.username()))
                .append(" sslmode=").append(libpqValue(settings.sslMode()))
                .append(" application_name=").append(libpqValue(settings.applicationName() + "-reverse"));
        if (!login.password().isEmpty()) {
            conninfo.append(" password=").append(libpqValue(login.password()));
        }
        if (settings.sslRootCertPath() != null && !"disable".equals(settings.sslMode())) {
            conninfo.append(" sslrootcert=").append(libpqValue(settings.sslRootCertPath()));
        }
        return conninfo.toString();
    }

    private static String libpqValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Opens a connection whose connect, login and socket reads are bounded by the settings and by
     * {@code deadline}, and whose statements and lock waits are bounded server-side.
     */
    public Connection open(Deadline deadline, String step) {
        deadline.check(DbSession.deadlinePassed(step, "connecting to " + describe()));
        try {
            return DriverManager.getConnection(settings.jdbcUrl(), properties(credentials(false), deadline.remainingMillis()));
        } catch (SQLException e) {
            if (INVALID_PASSWORD.equals(e.getSQLState()) && settings.secretArn() != null) {
                try {
                    return DriverManager.getConnection(settings.jdbcUrl(),
                            properties(credentials(true), deadline.remainingMillis()));
                } catch (SQLException again) {
                    throw failure(step, again);
                }
            }
            throw failure(step, e);
        }
    }

    private DatabaseStepException failure(String step, SQLException e) {
        return new DatabaseStepException(step, "cannot connect to " + describe() + ": " + e.getMessage(),
                e.getSQLState(), e);
    }

    private DatabaseCredentials credentials(boolean refresh) {
        if (settings.credentials() != null) {
            return settings.credentials();
        }
        DatabaseCredentials current = resolved;
        if (current == null || refresh) {
            current = secrets.resolve(settings.secretArn());
            resolved = current;
        }
        return current;
    }

    /** The driver properties; the timeouts never exceed what is left of the deadline. */
    Properties properties(DatabaseCredentials credentials, long remainingMillis) {
        Properties p = new Properties();
        p.setProperty("user", credentials.username());
        p.setProperty("password", credentials.password());
        p.setProperty("sslmode", settings.sslMode());
        if (settings.sslRootCertPath() != null && !"disable".equals(settings.sslMode())) {
            p.setProperty("sslrootcert", settings.sslRootCertPath());
        }
        long connect = Math.min(settings.connectTimeoutMillis(), remainingMillis);
        p.setProperty("connectTimeout", Long.toString(seconds(connect)));
        p.setProperty("loginTimeout", Long.toString(seconds(connect)));
        p.setProperty("socketTimeout", Long.toString(seconds(settings.socketTimeoutMillis())));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", settings.applicationName());
        // UTC so that timestamps and date_trunc buckets read the same on both databases.
        p.setProperty("options", "-c statement_timeout=" + settings.statementTimeoutMillis()
                + " -c lock_timeout=" + settings.lockTimeoutMillis()
                + " -c TimeZone=UTC");
        return p;
    }

    /** The driver takes whole seconds, and 0 would mean "no timeout". */
    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
