package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.time.Deadline;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One connection used by one step, with every statement bounded by the step's deadline: the server
 * cancels it ({@code setQueryTimeout}) and, should the server stop answering altogether, the socket
 * read gives up shortly after ({@code setNetworkTimeout}). Errors become {@link DatabaseStepException}s
 * that say what was being done, where.
 */
final class DbSession implements AutoCloseable {
    private static final Executor DIRECT = Runnable::run;
    /** What a step throws when one of its waits is interrupted. */
    static final Function<InterruptedException, DatabaseStepException> INTERRUPTED =
            e -> new DatabaseStepException("wait", "interrupted", null, e);

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Deadline deadline;
    private final String step;
    private final String where;
    private final long socketTimeoutMillis;
    private boolean boundByDeadlineOnly;

    private DbSession(Connection connection, Deadline deadline, String step, String where, long socketTimeoutMillis) {
        this.connection = connection;
        this.deadline = deadline;
        this.step = step;
        this.where = where;
        this.socketTimeoutMillis = socketTimeoutMillis;
    }

    static DbSession open(JdbcConnections db, Deadline deadline, String step) {
        return new DbSession(db.open(deadline, step), deadline, step, db.describe(),
                db.settings().socketTimeoutMillis());
    }

    /**
     * A session for a step whose single statements may rightly run long, such as counting a big table: the
     * connection's {@code statement_timeout} and socket read timeout are sized for quick statements (30 s and 60 s by
     * default) and would cancel a count long before the step's own deadline. Here the server-side statement timeout
     * is set to what is left of the deadline, and socket reads wait until the deadline (plus the usual grace), so the
     * deadline alone bounds every statement; a server that stops answering is still given up on at the deadline.
     */
    static DbSession openForLongStatements(JdbcConnections db, Deadline deadline, String step) {
        DbSession session = open(db, deadline, step);
        try {
            session.boundByDeadlineOnly = true;
            session.one("raising statement_timeout to the step's deadline",
                    "SELECT set_config('statement_timeout', ?, false) AS v", rs -> rs.getString("v"),
                    Long.toString(Math.max(1, deadline.remainingMillis())));
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    Deadline deadline() {
        return deadline;
    }

    /** What a step throws when its deadline passes before {@code doing}. */
    static Supplier<DatabaseStepException> deadlinePassed(String step, String doing) {
        return () -> new DatabaseStepException(step, "deadline passed before " + doing);
    }

    String where() {
        return where;
    }

    <T> List<T> list(String doing, String sql, Row<T> row, Object... params) {
        try (PreparedStatement st = prepare(doing, sql, params); ResultSet rs = st.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    <T> Optional<T> optional(String doing, String sql, Row<T> row, Object... params) {
        List<T> rows = list(doing, sql, row, params);
        if (rows.size() > 1) {
            throw new DatabaseStepException(step, doing + " on " + where + ": expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    <T> T one(String doing, String sql, Row<T> row, Object... params) {
        return optional(doing, sql, row, params).orElseThrow(
                () -> new DatabaseStepException(step, doing + " on " + where + ": no row returned"));
    }

    /** Runs a statement that returns no rows (DDL, DML, SET). */
    void execute(String doing, String sql, Object... params) {
        try (PreparedStatement st = prepare(doing, sql, params)) {
            st.execute();
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    /** Runs several statements in one transaction. */
    void inTransaction(String doing, List<String> statements) {
        transaction(doing, () -> {
            for (String sql : statements) {
                try {
                    bound(doing);
                    try (Statement st = connection.createStatement()) {
                        st.setQueryTimeout(queryTimeoutSeconds());
                        st.execute(sql);
                    }
                } catch (SQLException e) {
                    throw failure(doing, e);
                }
            }
            return null;
        });
    }

    /** Work done inside {@link #transaction}: statements of this session, which throw DatabaseStepException. */
    @FunctionalInterface
    interface Work<T> {
        T run();
    }

    /**
     * Runs {@code work} in one transaction of this session: committed when it returns, rolled back when it throws,
     * so a step that changes several tables leaves all or none changed.
     */
    <T> T transaction(String doing, Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                bound(doing);
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                // An Error too: restoring autocommit below would otherwise commit what was done so far.
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                if (!connection.isClosed()) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    /**
     * Runs {@code work} under a savepoint of the transaction in progress ({@link #transaction}): when it fails with one
     * of {@code sqlStates}, the transaction is rolled back to the savepoint, as if the work had not run, and the
     * failure returned; any other failure propagates. Null when the work succeeded.
     */
    DatabaseStepException underSavepoint(String doing, java.util.Set<String> sqlStates, Work<?> work) {
        java.sql.Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw failure(doing, e);
        }
        try {
            work.run();
            connection.releaseSavepoint(savepoint);
            return null;
        } catch (DatabaseStepException e) {
            if (!sqlStates.contains(java.util.Objects.requireNonNullElse(e.sqlState(), ""))) {
                throw e;
            }
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw e;
            }
            return e;
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    /** Runs a DML statement; the rows it changed. */
    long update(String doing, String sql, Object... params) {
        try (PreparedStatement st = prepare(doing, sql, params)) {
            return st.executeLargeUpdate();
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    /**
     * Streams {@code copyOut} ({@code COPY … TO STDOUT}) of {@code from} into {@code copyIn} ({@code COPY … FROM
     * STDIN}) of this session, buffer by buffer, so a table of any size passes without being held in memory; each
     * buffer checks this session's deadline. The rows copied in.
     */
    long copyFrom(String doing, DbSession from, String copyOut, String copyIn) {
        try {
            from.bound(doing);
            bound(doing);
            org.postgresql.copy.CopyOut reader = from.connection.unwrap(org.postgresql.PGConnection.class)
                    .getCopyAPI().copyOut(copyOut);
            org.postgresql.copy.CopyIn writer = null;
            try {
                writer = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn(copyIn);
                Supplier<DatabaseStepException> passed = deadlinePassed(step, doing + " on " + where);
                byte[] buffer;
                while ((buffer = reader.readFromCopy()) != null) {
                    deadline.check(passed);
                    writer.writeToCopy(buffer, 0, buffer.length);
                }
                return writer.endCopy();
            } finally {
                cancelQuietly(reader);
                cancelQuietly(writer);
            }
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    private static void cancelQuietly(org.postgresql.copy.CopyOperation copy) {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // The copy failed already; its own error is the one reported.
        }
    }

    DatabaseStepException failure(String doing, SQLException e) {
        String message = e.getMessage();
        if ("08006".equals(e.getSQLState()) || e.getCause() instanceof java.net.SocketTimeoutException) {
            message = "no answer from the server (" + message + ")";
        }
        return new DatabaseStepException(step, doing + " on " + where + ": " + message, e.getSQLState(), e);
    }

    private PreparedStatement prepare(String doing, String sql, Object... params) throws SQLException {
        bound(doing);
        PreparedStatement st = connection.prepareStatement(sql);
        try {
            st.setQueryTimeout(queryTimeoutSeconds());
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, bindable(params[i]));
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private void bound(String doing) throws SQLException {
        deadline.check(deadlinePassed(step, doing + " on " + where));
        long untilDeadline = deadline.remainingMillis() + JdbcConnections.SOCKET_GRACE_MILLIS;
        connection.setNetworkTimeout(DIRECT,
                (int) Math.min(Integer.MAX_VALUE, boundByDeadlineOnly ? untilDeadline : Math.min(socketTimeoutMillis, untilDeadline)));
    }

    private int queryTimeoutSeconds() {
        return (int) Math.max(1, (deadline.remainingMillis() + 999) / 1000);
    }

    private Object bindable(Object param) throws SQLException {
        if (param instanceof Collection<?> values) {
            return textArray(values.stream().map(String::valueOf).toArray(String[]::new));
        }
        if (param instanceof String[] values) {
            return textArray(values);
        }
        return param;
    }

    private Array textArray(String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a broken connection fails; the step's own outcome already says what happened.
        }
    }

    /** A timestamptz column as ISO-8601 (UTC), or null. */
    static String iso(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant().toString();
    }

    /** A bigint column that may be NULL. */
    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
