package io.cutover.postgres.embedded;

import io.cutover.core.port.db.ConnectionSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Two real PostgreSQL servers with native logical replication between them: database {@value #DATABASE} on both,
 * publication {@value #PUBLICATION} {@code FOR ALL TABLES} on the source, subscription {@value #SUBSCRIPTION}
 * (slot of the same name) on the target, connecting as the dedicated replication role {@value #REPLICATION_ROLE}.
 * The schema must exist on both sides (logical replication copies rows, not DDL): {@link #addSchema} does that.
 */
public final class EmbeddedReplicatedPair implements AutoCloseable {
    public static final String DATABASE = "app";
    public static final String REPLICATION_ROLE = "cutover_replicator";
    public static final String PUBLICATION = "cutover_pub";
    public static final String SUBSCRIPTION = "cutover_sub";
    private static final Duration POLL = Duration.ofMillis(50);

    private final EmbeddedPostgresServer source;
    private final EmbeddedPostgresServer target;

    private EmbeddedReplicatedPair(EmbeddedPostgresServer source, EmbeddedPostgresServer target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Starts both servers, creates the schema on both, and subscribes; returns once the initial copy is done.
     *
     * @param baseDirectory where the two data directories go
     * @param schemaDdl     statements run on both databases before subscribing
     */
    public static EmbeddedReplicatedPair start(Path baseDirectory, String... schemaDdl) {
        EmbeddedPostgresServer source = EmbeddedPostgresServer.start("source", baseDirectory);
        EmbeddedPostgresServer target;
        try {
            target = EmbeddedPostgresServer.start("target", baseDirectory);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        EmbeddedReplicatedPair pair = new EmbeddedReplicatedPair(source, target);
        try {
            source.execute("postgres", EmbeddedPostgresServer.SUPERUSER, "CREATE DATABASE " + DATABASE);
            target.execute("postgres", EmbeddedPostgresServer.SUPERUSER, "CREATE DATABASE " + DATABASE);
            pair.executeOnSource(
                    "CREATE ROLE " + REPLICATION_ROLE + " WITH LOGIN REPLICATION",
                    // the initial table copy reads every published table
                    "GRANT pg_read_all_data TO " + REPLICATION_ROLE,
                    "CREATE PUBLICATION " + PUBLICATION + " FOR ALL TABLES");
            pair.executeOnBoth(schemaDdl);
            pair.createSubscription(SUBSCRIPTION, PUBLICATION);
            return pair;
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    public EmbeddedPostgresServer source() {
        return source;
    }

    public EmbeddedPostgresServer target() {
        return target;
    }

    public ConnectionSettings sourceSettings(String user) {
        return source.connectionSettings(DATABASE, user);
    }

    public ConnectionSettings targetSettings(String user) {
        return target.connectionSettings(DATABASE, user);
    }

    public ConnectionSettings sourceAdmin() {
        return sourceSettings(EmbeddedPostgresServer.SUPERUSER);
    }

    public ConnectionSettings targetAdmin() {
        return targetSettings(EmbeddedPostgresServer.SUPERUSER);
    }

    public Connection sourceConnection(String user) throws SQLException {
        return source.connect(DATABASE, user);
    }

    public Connection targetConnection(String user) throws SQLException {
        return target.connect(DATABASE, user);
    }

    public void executeOnSource(String... statements) {
        source.execute(DATABASE, EmbeddedPostgresServer.SUPERUSER, statements);
    }

    public void executeOnTarget(String... statements) {
        target.execute(DATABASE, EmbeddedPostgresServer.SUPERUSER, statements);
    }

    public void executeOnBoth(String... statements) {
        executeOnSource(statements);
        executeOnTarget(statements);
    }

    /** Creates tables (or any DDL) on both sides, then has the subscription pick them up and copy them. */
    public void addSchema(String... ddl) {
        addSchema(Duration.ofSeconds(60), ddl);
    }

    /** {@link #addSchema(String...)}, waiting up to {@code timeout} for the copy. */
    public void addSchema(Duration timeout, String... ddl) {
        executeOnBoth(ddl);
        executeOnTarget("ALTER SUBSCRIPTION " + SUBSCRIPTION + " REFRESH PUBLICATION");
        awaitSubscriptionReady(SUBSCRIPTION, timeout);
    }

    /** Creates and starts a subscription on the target to a publication of the source; waits for the initial copy. */
    public void createSubscription(String subscription, String publication) {
        executeOnTarget("CREATE SUBSCRIPTION " + subscription + " CONNECTION '"
                + source.libpqConnectionString(DATABASE, REPLICATION_ROLE) + "' PUBLICATION " + publication);
        awaitSubscriptionReady(subscription, Duration.ofSeconds(60));
    }

    /** Waits until every table of the subscription finished its initial copy ({@code srsubstate = 'r'}). */
    public void awaitSubscriptionReady(String subscription, Duration timeout) {
        awaitTrue(timeout, "subscription " + subscription + " to finish its initial copy", () -> queryTarget("""
                SELECT count(*) FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid
                 WHERE s.subname = '%s' AND r.srsubstate <> 'r'
                """.formatted(subscription.replace("'", "''"))) == 0);
    }

    /** Waits until the slot confirmed everything the source had written when this was called. */
    public void awaitCaughtUp(String slot, Duration timeout) {
        long wal = querySource("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        awaitTrue(timeout, "slot " + slot + " to confirm the source WAL position", () -> querySource("""
                SELECT coalesce(pg_wal_lsn_diff(confirmed_flush_lsn, '0/0'), 0)::bigint
                  FROM pg_replication_slots WHERE slot_name = '%s'
                """.formatted(slot.replace("'", "''"))) >= wal);
    }

    /** A single bigint from the source (as superuser). */
    public long querySource(String sql) {
        return single(source, sql);
    }

    /** A single bigint from the target (as superuser). */
    public long queryTarget(String sql) {
        return single(target, sql);
    }

    private static long single(EmbeddedPostgresServer server, String sql) {
        try (Connection c = server.connect(DATABASE, EmbeddedPostgresServer.SUPERUSER);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException(server.name() + ": no row from " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(server.name() + ": " + e.getMessage(), e);
        }
    }

    private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * Drops the target's subscriptions first (while the source still runs, so their slots go too), then stops both
     * servers. A subscription left behind would keep retrying against a stopped source.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        try (Connection c = target.connect(DATABASE, EmbeddedPostgresServer.SUPERUSER);
             Statement st = c.createStatement()) {
            List<String> subscriptions = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT quote_ident(subname) FROM pg_subscription")) {
                while (rs.next()) {
                    subscriptions.add(rs.getString(1));
                }
            }
            for (String s : subscriptions) {
                st.execute("DROP SUBSCRIPTION IF EXISTS " + s);
            }
        } catch (SQLException e) {
            // Database not created yet, or the target is already down: nothing to drop.
        }
        for (EmbeddedPostgresServer server : List.of(target, source)) {
            try {
                server.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }
}
