package io.cutover.local.rehearsal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The application during the cutover: writer and reader threads at a steady rate, each holding one connection
 * that it got through the weighted resolver (the writer or the reader record) and recycles after a fixed lifetime,
 * as a pool with a max lifetime below the DNS TTL would. A failed write is retried with a short backoff until it is
 * acknowledged or given up, on a new connection (resolved again) or, for a pooled load, on the same one unless the
 * error broke it; every write is journaled client-side.
 */
public final class AppLoad implements AutoCloseable {
    private static final long FIRST_BACKOFF_MILLIS = 5;
    private static final long MAX_BACKOFF_MILLIS = 100;

    /** Opens an application connection to one side. */
    @FunctionalInterface
    public interface Connections {
        Connection open(Side side) throws SQLException;
    }

    /**
     * @param connectionLifetime how long a connection is used before it is closed and the name resolved again
     * @param giveUpAfter        how long one write is retried before the application gives it up
     * @param pooled             errors keep the connection unless it is broken, as a real pool does
     *                           ({@link #breaksTheConnection}); otherwise any error drops it
     */
    public record Plan(double writesPerSecond, double readsPerSecond, int writerThreads, int readerThreads,
                       Duration connectionLifetime, Duration giveUpAfter, long seed, String writerGroup,
                       String readerGroup, boolean pooled) {
        public Plan {
            if (writerThreads < 1 || readerThreads < 1) {
                throw new IllegalArgumentException("at least one writer and one reader thread");
            }
            if (!(writesPerSecond > 0) || !(readsPerSecond > 0)) {
                throw new IllegalArgumentException("rates must be positive");
            }
        }
    }

    private final Plan plan;
    private final Connections connections;
    private final WeightedResolver.WeightSource weights;
    private final RehearsalSchema schema;
    private final WriteJournal journal;
    private final LoadCounters counters;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public AppLoad(Plan plan, Connections connections, WeightedResolver.WeightSource weights, RehearsalSchema schema,
                   WriteJournal journal, LoadCounters counters) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < plan.writerThreads(); i++) {
            int index = i;
            threads.add(Thread.ofPlatform().daemon().name("rehearsal-writer-" + i).start(() -> writer(index)));
        }
        for (int i = 0; i < plan.readerThreads(); i++) {
            int index = i;
            threads.add(Thread.ofPlatform().daemon().name("rehearsal-reader-" + i).start(() -> reader(index)));
        }
    }

    /** Stops every thread and waits for it; a write still being retried is journaled as not acknowledged. */
    public synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop within 30 s");
            }
        }
        threads.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void writer(int index) {
        WeightedResolver resolver = new WeightedResolver(weights, new SplittableRandom(plan.seed() * 31 + index));
        Pacer pacer = new Pacer(plan.writesPerSecond() / plan.writerThreads());
        AppConnection connection = null;
        while (pacer.awaitNext()) {
            long clientId = journal.nextClientId();
            long startedAt = System.currentTimeMillis();
            long backoff = FIRST_BACKOFF_MILLIS;
            int attempts = 0;
            JournalEntry outcome = null;
            while (outcome == null) {
                attempts++;
                try {
                    if (connection == null || connection.expired()) {
                        AppConnection.closeQuietly(connection);
                        connection = null;
                        connection = open(resolver.resolve(plan.writerGroup()), true);
                    }
                    long attemptStartedAt = System.currentTimeMillis();
                    connection.write(schema, clientId);
                    outcome = JournalEntry.acknowledged(clientId, startedAt, attempts, connection.side(),
                            attemptStartedAt, System.currentTimeMillis());
                    counters.writeAcknowledged(connection.weights(), connection.side());
                } catch (SQLException e) {
                    counters.writeFailed(String.valueOf(e.getSQLState()));
                    connection = afterError(connection, e);
                    if (!running || System.currentTimeMillis() - startedAt > plan.giveUpAfter().toMillis()) {
                        outcome = JournalEntry.unacknowledged(clientId, startedAt, attempts);
                    } else {
                        LockSupport.parkNanos(backoff * 1_000_000);
                        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                    }
                }
            }
            journal.record(outcome);
        }
        AppConnection.closeQuietly(connection);
    }

    private void reader(int index) {
        WeightedResolver resolver = new WeightedResolver(weights,
                new SplittableRandom(plan.seed() * 31 + 1_000 + index));
        Pacer pacer = new Pacer(plan.readsPerSecond() / plan.readerThreads());
        AppConnection connection = null;
        while (pacer.awaitNext()) {
            try {
                if (connection == null || connection.expired()) {
                    AppConnection.closeQuietly(connection);
                    connection = null;
                    connection = open(resolver.resolve(plan.readerGroup()), false);
                }
                connection.read(schema.readSql());
                counters.readServed(connection.weights(), connection.side());
            } catch (SQLException e) {
                counters.readFailed(String.valueOf(e.getSQLState()));
                connection = afterError(connection, e);
            }
        }
        AppConnection.closeQuietly(connection);
    }

    /** The connection to use next after an error: the same one if a pool would keep it, else none (resolve again). */
    private AppConnection afterError(AppConnection connection, SQLException error) {
        if (plan.pooled() && connection != null && !breaksTheConnection(error)) {
            return connection;
        }
        AppConnection.closeQuietly(connection);
        return null;
    }

    /**
     * Whether a pool evicts the connection that raised this error. HikariCP's rule (ProxyConnection.checkException):
     * SQLSTATE class 08 (connection exception), 0A000, 57P01..57P03 (the session was terminated, the server is
     * shutting down or starting), 01002 and JZ0C0/JZ0C1. Any other error, such as 25006 (read-only transaction), leaves
     * the connection in the pool: a session opened while the source was fenced fails each write until it is ended or
     * reaches its lifetime. No SQLSTATE at all (the driver lost the socket) evicts too.
     */
    static boolean breaksTheConnection(SQLException error) {
        String state = error.getSQLState();
        return state == null || state.startsWith("08")
                || java.util.Set.of("0A000", "57P01", "57P02", "57P03", "01002", "JZ0C0", "JZ0C1").contains(state);
    }

    private AppConnection open(WeightedResolver.Resolution resolution, boolean writerRecord) throws SQLException {
        counters.connectionOpened(writerRecord, resolution.weights(), resolution.side());
        return AppConnection.open(resolution, connections, plan.connectionLifetime());
    }

    /** Spaces operations evenly; after a stall it resumes the pace instead of bursting to catch up. */
    private final class Pacer {
        private final long intervalNanos;
        private long next = System.nanoTime();

        Pacer(double perSecond) {
            this.intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
        }

        /** Waits for the next slot; false once the load is stopping. */
        boolean awaitNext() {
            next = Math.max(next + intervalNanos, System.nanoTime());
            while (running) {
                long wait = next - System.nanoTime();
                if (wait <= 0) {
                    return true;
                }
                LockSupport.parkNanos(Math.min(wait, 100_000_000));
            }
            return false;
        }
    }

    /** One pooled connection: where it went, with which weights, until when it is used. */
    private static final class AppConnection {
        private final Connection connection;
        private final WeightedResolver.Resolution resolution;
        private final long expiresAtNanos;
        private PreparedStatement write;
        private PreparedStatement read;

        private AppConnection(Connection connection, WeightedResolver.Resolution resolution, long expiresAtNanos) {
            this.connection = connection;
            this.resolution = resolution;
            this.expiresAtNanos = expiresAtNanos;
        }

        static AppConnection open(WeightedResolver.Resolution resolution, Connections connections, Duration lifetime)
                throws SQLException {
            return new AppConnection(connections.open(resolution.side()), resolution,
                    System.nanoTime() + lifetime.toNanos());
        }

        Side side() {
            return resolution.side();
        }

        io.cutover.core.port.cloud.Weights weights() {
            return resolution.weights();
        }

        boolean expired() {
            return System.nanoTime() - expiresAtNanos >= 0;
        }

        void write(RehearsalSchema schema, long clientId) throws SQLException {
            if (write == null) {
                write = connection.prepareStatement(schema.writeSql());
            }
            schema.bindWrite(write, clientId);
            write.executeUpdate();
        }

        void read(String sql) throws SQLException {
            if (read == null) {
                read = connection.prepareStatement(sql);
            }
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                }
            }
        }

        static void closeQuietly(AppConnection c) {
            if (c != null) {
                try {
                    c.connection.close();
                } catch (SQLException alreadyBroken) {
                    // a terminated session cannot be closed cleanly; nothing is left to release
                }
            }
        }
    }
}
