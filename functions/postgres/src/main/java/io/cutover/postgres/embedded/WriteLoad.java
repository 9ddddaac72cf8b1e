package io.cutover.postgres.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to the source: one thread inserting batches into a table with a {@code bigserial id}
 * and a {@code payload text} column, in autocommit. It keeps the ids of every insert whose commit was acknowledged,
 * and keeps going through errors (a terminated session reconnects; a read-only or refused login is counted per
 * SQLSTATE), the way a connection pool would.
 */
public final class WriteLoad implements AutoCloseable {

    /** Opens a connection as the writing application's role. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * @param acknowledgedIds ids of rows whose commit the server acknowledged
     * @param commits         acknowledged commits
     * @param errorsBySqlState failed attempts per SQLSTATE (connect and insert)
     */
    public record Result(NavigableSet<Long> acknowledgedIds, long commits, Map<String, Long> errorsBySqlState) {
    }

    private final ConnectionSource connections;
    private final String insert;
    private final Duration pause;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentSkipListSet<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final AtomicLong commits = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Thread thread;

    private WriteLoad(ConnectionSource connections, String qualifiedTable, int rowsPerCommit, int payloadBytes,
                      Duration pause) {
        this.connections = connections;
        this.insert = "INSERT INTO " + qualifiedTable + " (payload) SELECT repeat('x', " + payloadBytes
                + ") FROM generate_series(1, " + rowsPerCommit + ") RETURNING id";
        this.pause = pause;
        this.thread = new Thread(this::run, "write-load-" + qualifiedTable);
        this.thread.setDaemon(true);
    }

    /**
     * Starts writing.
     *
     * @param qualifiedTable already-quoted table name, e.g. {@code public.orders}
     * @param rowsPerCommit  rows per insert (one commit each)
     * @param payloadBytes   size of each row's payload
     * @param pause          pause between commits (zero = as fast as it goes)
     */
    public static WriteLoad start(ConnectionSource connections, String qualifiedTable, int rowsPerCommit,
                                  int payloadBytes, Duration pause) {
        WriteLoad load = new WriteLoad(Objects.requireNonNull(connections), qualifiedTable, rowsPerCommit,
                payloadBytes, pause);
        load.thread.start();
        return load;
    }

    public long commits() {
        return commits.get();
    }

    public long errors(String sqlState) {
        AtomicLong n = errors.get(sqlState);
        return n == null ? 0 : n.get();
    }

    private void run() {
        Connection connection = null;
        while (running.get()) {
            try {
                if (connection == null) {
                    connection = connections.open();
                }
                try (PreparedStatement st = connection.prepareStatement(insert); ResultSet rs = st.executeQuery()) {
                    List<Long> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                    acknowledged.addAll(ids);
                    commits.incrementAndGet();
                }
                pauseQuietly(pause);
            } catch (SQLException e) {
                errors.computeIfAbsent(String.valueOf(e.getSQLState()), k -> new AtomicLong()).incrementAndGet();
                closeQuietly(connection);
                connection = null;
                // A pool retries too, but not in a hot loop.
                pauseQuietly(Duration.ofMillis(20));
            }
        }
        closeQuietly(connection);
    }

    private static void pauseQuietly(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /** Stops writing and waits for the writer to finish its current attempt. */
    public Result stop() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("write load did not stop within 30 s");
        }
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.get()));
        return new Result(new TreeSet<>(acknowledged), commits.get(), errorCounts);
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            stop();
        }
    }
}
