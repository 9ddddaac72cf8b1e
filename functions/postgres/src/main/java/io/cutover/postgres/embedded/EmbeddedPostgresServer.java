package io.cutover.postgres.embedded;

import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseCredentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One real PostgreSQL 17 server (zonky embedded binaries), set up for logical replication: for the local rehearsal
 * and the integration tests. Port chosen by zonky from the free ones; data directory under the given base
 * directory, deleted on {@link #close()}. Authentication is {@code trust}: any role that may log in connects
 * without a password.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final String name;
    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(String name, EmbeddedPostgres postgres, Path dataDirectory) {
        this.name = name;
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server named {@code name} (used in the data directory name and in messages).
     *
     * @param baseDirectory where the data directory goes (e.g. the build's {@code target/embedded-pg})
     */
    public static EmbeddedPostgresServer start(String name, Path baseDirectory) {
        return start(name, baseDirectory, Map.of());
    }

    /** As {@link #start(String, Path)}, with further server settings (e.g. {@code ssl}, {@code ssl_cert_file}). */
    public static EmbeddedPostgresServer start(String name, Path baseDirectory, Map<String, String> serverConfig) {
        RootUser.requireRunnableHere();
        try {
            Path dataDirectory = Files.createDirectories(baseDirectory.toAbsolutePath())
                    .resolve(name + "-" + UUID.randomUUID());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_logical_replication_workers", "8")
                    .setServerConfig("max_connections", "100")
                    // Lets tests prepare transactions, as a source may have them (the fence refuses them).
                    .setServerConfig("max_prepared_transactions", "10")
                    .setServerConfig("shared_buffers", "32MB")
                    // zonky turns synchronous commit off; RDS and Aurora default to on, so do we.
                    .setServerConfig("synchronous_commit", "on")
                    // Throw-away data: skip the disk flushes, not the WAL bookkeeping replication depends on.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            return new EmbeddedPostgresServer(name, postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("starting embedded PostgreSQL " + name + " under " + baseDirectory, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** libpq connection string, for {@code CREATE SUBSCRIPTION … CONNECTION}. */
    public String libpqConnectionString(String database, String user) {
        return "host=localhost port=" + port() + " dbname=" + database + " user=" + user;
    }

    /** Settings for the adapters: inline credentials (trust authentication ignores the password), no SSL. */
    public ConnectionSettings connectionSettings(String database, String user) {
        return ConnectionSettings.withCredentials(jdbcUrl(database), new DatabaseCredentials(user, ""), "disable")
                .withApplicationName("cutover-" + name);
    }

    public Connection connect(String database, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        p.setProperty("ApplicationName", "embedded-" + name);
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    /** Runs statements one by one in autocommit (some, like {@code CREATE SUBSCRIPTION}, refuse a transaction). */
    public void execute(String database, String user, String... statements) {
        try (Connection c = connect(database, user); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    /** The postmaster's process id, from {@code postmaster.pid}. */
    public long postmasterPid() {
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return Long.parseLong(lines.findFirst().orElseThrow().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("reading postmaster.pid of " + name, e);
        }
    }

    /** The postmaster and every process it started (backends, walsenders, workers). */
    public List<ProcessHandle> processes() {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .orElseThrow(() -> new IllegalStateException("postmaster of " + name + " is not running"));
        return Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping embedded PostgreSQL " + name, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + name + " on port " + port() + "]";
    }
}
