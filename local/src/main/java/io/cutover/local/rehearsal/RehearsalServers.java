package io.cutover.local.rehearsal;

import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.postgres.Identifiers;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The rehearsal's two real PostgreSQL servers, replicating logically (publication FOR ALL TABLES on the source,
 * subscription on the target), with the schema installed on both, the application role on both, and the queries
 * the report needs.
 */
public final class RehearsalServers implements AutoCloseable {
    /** The application's login; it is in the config's {@code fence.roles}, so the real fence applies to it. */
    public static final String APP_ROLE = "app_writer";
    public static final String SLOT = EmbeddedReplicatedPair.SUBSCRIPTION;
    private static final Duration COPY_TIMEOUT = Duration.ofSeconds(120);

    private final EmbeddedReplicatedPair pair;
    private final RehearsalSchema schema;
    private final List<String> schemas;
    private final List<String> tables;
    private final List<String> readinessProblems;

    private RehearsalServers(EmbeddedReplicatedPair pair, RehearsalSchema schema, List<String> schemas,
                             List<String> tables, List<String> readinessProblems) {
        this.pair = pair;
        this.schema = schema;
        this.schemas = List.copyOf(schemas);
        this.tables = List.copyOf(tables);
        this.readinessProblems = List.copyOf(readinessProblems);
    }

    /** Starts both servers and returns once the target has copied everything the source holds. */
    public static RehearsalServers start(Path dataDir, RehearsalSchema schema) {
        return start(dataDir, schema, new RehearsalFill(0));
    }

    /**
     * As {@link #start(Path, RehearsalSchema)}, with {@code fill}'s tables created on both servers and filled on the
     * source before the subscription is refreshed, so they reach the target through its initial copy.
     */
    public static RehearsalServers start(Path dataDir, RehearsalSchema schema, RehearsalFill fill) {
        Duration copyTimeout = COPY_TIMEOUT.plus(fill.copyAllowance());
        EmbeddedReplicatedPair pair = EmbeddedReplicatedPair.start(dataDir);
        try {
            // The slot's confirmed position then follows each applied commit, instead of trailing by the target's
            // WAL writer delay: the drain waits for data, not for a late report of it.
            pair.executeOnTarget("ALTER SUBSCRIPTION " + EmbeddedReplicatedPair.SUBSCRIPTION
                    + " SET (synchronous_commit = 'on')");
            if (schema.isUserSchema()) {
                pair.executeOnSource(schema.userSql());
                pair.executeOnTarget(schema.userSql());
                // Rows the file inserts reach the target through the initial copy, not twice.
                List<String> userTables = tables(pair.target(), userSchemas(pair.target()));
                if (!userTables.isEmpty()) {
                    pair.executeOnTarget("TRUNCATE TABLE " + String.join(", ", userTables) + " CASCADE");
                }
            }
            if (!fill.isEmpty()) {
                pair.executeOnBoth(fill.ddl().toArray(String[]::new));
                fill.fillSource(pair.source());
            }
            pair.addSchema(copyTimeout, schema.ddl().toArray(String[]::new));
            if (!schema.seed().isEmpty()) {
                pair.executeOnSource(schema.seed().toArray(String[]::new));
            }
            List<String> schemas = userSchemas(pair.source());
            if (schema.isUserSchema() && !schemas.contains(RehearsalSchema.JOURNAL_SCHEMA)) {
                schemas.add(RehearsalSchema.JOURNAL_SCHEMA);
            }
            List<String> grants = new ArrayList<>();
            grants.add("CREATE ROLE " + APP_ROLE + " LOGIN");
            for (String s : schemas) {
                String quoted = Identifiers.quote(s);
                grants.add("GRANT USAGE ON SCHEMA " + quoted + " TO " + APP_ROLE);
                grants.add("GRANT ALL ON ALL TABLES IN SCHEMA " + quoted + " TO " + APP_ROLE);
                grants.add("GRANT ALL ON ALL SEQUENCES IN SCHEMA " + quoted + " TO " + APP_ROLE);
            }
            pair.executeOnBoth(grants.toArray(String[]::new));
            pair.awaitCaughtUp(SLOT, copyTimeout);
            return new RehearsalServers(pair, schema, schemas, tables(pair.source(), schemas),
                    withoutPrimaryKey(pair.source(), schemas));
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    public EmbeddedReplicatedPair pair() {
        return pair;
    }

    /** What the servers hold and how the application writes to them. */
    public RehearsalSchema schema() {
        return schema;
    }

    /** Every non-system schema (the config's {@code databases.schemas}: sequences are synced in these). */
    public List<String> schemas() {
        return schemas;
    }

    /** Every table in those schemas, schema-qualified and quoted where needed. */
    public List<String> tables() {
        return tables;
    }

    /** Problems found before the cutover started (tables logical replication cannot fully replicate). */
    public List<String> readinessProblems() {
        return readinessProblems;
    }

    public EmbeddedPostgresServer server(Side side) {
        return side == Side.SOURCE ? pair.source() : pair.target();
    }

    /** An application connection, as the fenced role; short timeouts, as a pool would have. */
    public Connection openApp(Side side) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", APP_ROLE);
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "3");
        p.setProperty("socketTimeout", "10");
        p.setProperty("ApplicationName", "rehearsal-app");
        return DriverManager.getConnection(server(side).jdbcUrl(EmbeddedReplicatedPair.DATABASE), p);
    }

    /** A superuser connection for observing (lag, counts). */
    public Connection openAdmin(Side side) throws SQLException {
        return server(side).connect(EmbeddedReplicatedPair.DATABASE, EmbeddedPostgresServer.SUPERUSER);
    }

    public void execute(Side side, String... statements) {
        server(side).execute(EmbeddedReplicatedPair.DATABASE, EmbeddedPostgresServer.SUPERUSER, statements);
    }

    /** Runs statements in the maintenance database (for ALTER DATABASE on the rehearsal's own). */
    public void executeInMaintenanceDatabase(Side side, String... statements) {
        server(side).execute("postgres", EmbeddedPostgresServer.SUPERUSER, statements);
    }

    /** Bytes the slot has not confirmed yet, on a connection the caller keeps open; null when the slot is gone. */
    public static Long lagBytes(Connection sourceAdmin) throws SQLException {
        try (PreparedStatement st = sourceAdmin.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(),"
                + " confirmed_flush_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, SLOT);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? (Long) rs.getObject(1) : null;
            }
        }
    }

    /** The process id of the walsender serving the slot, or null when none is connected. */
    public Long walsenderPid() {
        try (Connection c = openAdmin(Side.SOURCE);
             PreparedStatement st = c.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            st.setString(1, SLOT);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("source: cannot read the walsender of slot " + SLOT + ": " + e.getMessage(), e);
        }
    }

    /** Sends a signal (STOP, CONT) to a server process; root may, the servers run as root in a user namespace. */
    public static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + signal + " to " + pid, e);
        }
    }

    /**
     * Ends native replication once the initial copy is done, for a rehearsal where DMS keeps the target in sync:
     * drops the subscription (and with it its slot on the source), so only the DMS stand-in applies changes.
     */
    public void dropNativeSubscription() {
        pair.executeOnTarget("DROP SUBSCRIPTION IF EXISTS " + EmbeddedReplicatedPair.SUBSCRIPTION);
    }

    /** Waits until the slot confirmed the source's current WAL position; false when it did not within the time. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            pair.awaitCaughtUp(SLOT, timeout);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Waits until the reverse slot on the target confirmed everything the target had written when this was called. */
    public boolean awaitReverseCaughtUp(Duration timeout) {
        String slot = ReverseReplicationRequest.objectName(RehearsalConfig.MIGRATION_ID).replace("'", "''");
        long wal = pair.queryTarget("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pair.queryTarget("SELECT coalesce(max(pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')), 0)::bigint"
                    + " FROM pg_replication_slots WHERE slot_name = '" + slot + "'") >= wal) {
                return true;
            }
            Rehearsal.pause(Duration.ofMillis(100));
        }
        return false;
    }

    /** client id to the number of rows carrying it, in the journal table of one side. */
    public Map<Long, Integer> clientIds(Side side) {
        Map<Long, Integer> ids = new HashMap<>();
        String sql = "SELECT client_id, count(*) FROM " + schema.journalTable() + " WHERE client_id IS NOT NULL"
                + " GROUP BY client_id";
        try (Connection c = openAdmin(side); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.put(rs.getLong(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(side.wireName() + ": cannot read " + schema.journalTable() + ": "
                    + e.getMessage(), e);
        }
        return ids;
    }

    /** Rows per table on one side. */
    public Map<String, Long> rowCounts(Side side) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = openAdmin(side); Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(side.wireName() + ": cannot count rows: " + e.getMessage(), e);
        }
        return counts;
    }

    /** {@code last_value} of every sequence in the schemas (null: never used), by qualified name. */
    public Map<String, Long> sequenceValues(Side side) {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection c = openAdmin(side);
             PreparedStatement st = c.prepareStatement("SELECT schemaname || '.' || sequencename, last_value"
                     + " FROM pg_sequences WHERE schemaname = ANY(?) ORDER BY 1")) {
            st.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), (Long) rs.getObject(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(side.wireName() + ": cannot read sequences: " + e.getMessage(), e);
        }
        return values;
    }

    private static List<String> userSchemas(EmbeddedPostgresServer server) {
        return strings(server, """
                SELECT nspname FROM pg_namespace
                 WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
                   AND nspname NOT IN (SELECT s.nspname FROM pg_namespace s JOIN pg_extension e ON e.extnamespace = s.oid
                                        WHERE s.nspname <> 'public')
                 ORDER BY nspname = 'public' DESC, nspname
                """);
    }

    private static List<String> tables(EmbeddedPostgresServer server, List<String> schemas) {
        if (schemas.isEmpty()) {
            return List.of();
        }
        return strings(server, """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname IN (%s)
                 ORDER BY n.nspname, c.relname
                """.formatted(literals(schemas)));
    }

    /** Tables logical replication can insert into but not update or delete in. */
    private static List<String> withoutPrimaryKey(EmbeddedPostgresServer server, List<String> schemas) {
        return strings(server, """
                SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind = 'r' AND n.nspname IN (%s) AND c.relreplident <> 'f'
                   AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid
                                     AND (i.indisprimary OR (c.relreplident = 'i' AND i.indisreplident)))
                 ORDER BY 1
                """.formatted(literals(schemas))).stream()
                .map(t -> "table " + t + " has no primary key (nor REPLICA IDENTITY FULL or USING INDEX): logical "
                        + "replication cannot apply its UPDATEs and DELETEs on the target")
                .toList();
    }

    private static List<String> strings(EmbeddedPostgresServer server, String sql) {
        List<String> result = new ArrayList<>();
        try (Connection c = server.connect(EmbeddedReplicatedPair.DATABASE, EmbeddedPostgresServer.SUPERUSER);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(server.name() + ": " + e.getMessage(), e);
        }
        return result;
    }

    private static String literals(List<String> values) {
        return String.join(", ", values.stream().map(Identifiers::literal).toList());
    }

    @Override
    public void close() {
        pair.close();
    }
}
