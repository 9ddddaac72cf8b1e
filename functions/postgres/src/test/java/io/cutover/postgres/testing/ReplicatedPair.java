package io.cutover.postgres.testing;

import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.postgres.JdbcConnections;
import io.cutover.postgres.PostgresAdapters;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import io.cutover.postgres.embedded.WriteLoad;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The integration tests' fixture: an {@link EmbeddedReplicatedPair} (two real servers, publication + subscription)
 * with helpers for roles, load tables, queries, and freezing a server. Start one per test class ({@code @BeforeAll})
 * and give each test its own tables and roles ({@link #unique}), so tests do not see each other's state.
 */
public final class ReplicatedPair implements AutoCloseable {
    /** Data directories under the module's build directory (failsafe runs in the module directory). */
    public static final Path BASE_DIRECTORY = Path.of("target", "embedded-pg");
    public static final String DATABASE = EmbeddedReplicatedPair.DATABASE;
    public static final String SUBSCRIPTION = EmbeddedReplicatedPair.SUBSCRIPTION;
    public static final String SLOT = EmbeddedReplicatedPair.SUBSCRIPTION;
    public static final String PUBLICATION = EmbeddedReplicatedPair.PUBLICATION;
    public static final String REPLICATION_ROLE = EmbeddedReplicatedPair.REPLICATION_ROLE;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final EmbeddedReplicatedPair pair;

    private ReplicatedPair(EmbeddedReplicatedPair pair) {
        this.pair = pair;
    }

    public static ReplicatedPair start(String... schemaDdl) {
        return new ReplicatedPair(EmbeddedReplicatedPair.start(BASE_DIRECTORY, schemaDdl));
    }

    /** A fresh lower-case identifier, e.g. {@code orders_7}. */
    public static String unique(String prefix) {
        return prefix + "_" + COUNTER.incrementAndGet();
    }

    public EmbeddedReplicatedPair embedded() {
        return pair;
    }

    public EmbeddedPostgresServer source() {
        return pair.source();
    }

    public EmbeddedPostgresServer target() {
        return pair.target();
    }

    public ConnectionSettings sourceAdminSettings() {
        return pair.sourceAdmin();
    }

    public ConnectionSettings targetAdminSettings() {
        return pair.targetAdmin();
    }

    public JdbcConnections sourceAdmin() {
        return JdbcConnections.inline(pair.sourceAdmin());
    }

    public JdbcConnections targetAdmin() {
        return JdbcConnections.inline(pair.targetAdmin());
    }

    /** Every adapter, as the superuser on both sides. */
    public PostgresAdapters adapters() {
        return new PostgresAdapters(sourceAdmin(), targetAdmin());
    }

    public void addSchema(String... ddl) {
        pair.addSchema(ddl);
    }

    /** A replicated table written by {@link WriteLoad}: {@code id bigserial, payload text, created_at timestamptz}. */
    public String createLoadTable(String name) {
        addSchema("CREATE TABLE public." + name
                + " (id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
        return "public." + name;
    }

    /** A login role on the source that may write every table and sequence of {@code public}. */
    public void createAppRole(String role) {
        executeOnSource("CREATE ROLE " + role + " LOGIN",
                "GRANT USAGE ON SCHEMA public TO " + role,
                "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + role,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO " + role,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO " + role);
    }

    public WriteLoad startLoad(String role, String table, int rowsPerCommit, int payloadBytes, Duration pause) {
        return WriteLoad.start(() -> pair.sourceConnection(role), table, rowsPerCommit, payloadBytes, pause);
    }

    public Connection sourceConnection(String role) throws SQLException {
        return pair.sourceConnection(role);
    }

    public Connection targetConnection(String role) throws SQLException {
        return pair.targetConnection(role);
    }

    public void executeOnSource(String... sql) {
        pair.executeOnSource(sql);
    }

    public void executeOnTarget(String... sql) {
        pair.executeOnTarget(sql);
    }

    public void executeOnBoth(String... sql) {
        pair.executeOnBoth(sql);
    }

    public long querySource(String sql) {
        return pair.querySource(sql);
    }

    public long queryTarget(String sql) {
        return pair.queryTarget(sql);
    }

    public TreeSet<Long> idsOnSource(String table) {
        return ids(source(), table);
    }

    public TreeSet<Long> idsOnTarget(String table) {
        return ids(target(), table);
    }

    /** The rows of a one-column text query, as superuser on the source. */
    public List<String> sourceStrings(String sql) {
        return strings(source(), sql);
    }

    public List<String> targetStrings(String sql) {
        return strings(target(), sql);
    }

    public void awaitCaughtUp(Duration timeout) {
        pair.awaitCaughtUp(SLOT, timeout);
    }

    /**
     * Stops the given processes with SIGSTOP: they keep their sockets open but answer nothing, like a hung host.
     * Close the returned handle to continue them (SIGCONT). Processes that exit meanwhile are skipped.
     */
    public static AutoCloseable freeze(List<Long> pids) {
        List<Long> stopped = new ArrayList<>();
        try {
            for (long pid : pids) {
                if (signal("STOP", pid)) {
                    stopped.add(pid);
                }
            }
        } catch (RuntimeException e) {
            stopped.forEach(pid -> signal("CONT", pid));
            throw e;
        }
        return () -> stopped.forEach(pid -> signal("CONT", pid));
    }

    /** Freezes a whole server: the postmaster (no new connections) and all its backends. */
    public static AutoCloseable freeze(EmbeddedPostgresServer server) {
        return freeze(server.processes().stream().map(ProcessHandle::pid).toList());
    }

    /** Sends a signal; false when the process no longer exists. */
    private static boolean signal(String signal, long pid) {
        List<String> command = List.of("kill", "-s", signal, Long.toString(pid));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            if (p.exitValue() == 0) {
                return true;
            }
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException(command + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }

    private static TreeSet<Long> ids(EmbeddedPostgresServer server, String table) {
        TreeSet<Long> ids = new TreeSet<>();
        try (Connection c = server.connect(DATABASE, EmbeddedPostgresServer.SUPERUSER);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM " + table)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static List<String> strings(EmbeddedPostgresServer server, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(DATABASE, EmbeddedPostgresServer.SUPERUSER);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public void close() {
        pair.close();
    }
}
