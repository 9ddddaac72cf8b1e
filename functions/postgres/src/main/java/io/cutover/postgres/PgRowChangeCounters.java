package io.cutover.postgres;

import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.List;

/**
 * The cumulative row-change counters of a database's user tables: the sum of {@code n_tup_ins + n_tup_upd +
 * n_tup_del} over {@code pg_stat_user_tables} (PostgreSQL docs, "The Cumulative Statistics System"), outside the
 * schemas given (DMS's control schema, where its status rows and the drain markers live).
 *
 * <p>Read on the target when the reverse replication starts (forward replication stopped, so from then on only the
 * application changes the target's tables) and again when a rollback has fenced the target and drained the reverse
 * stream, the difference is how many row changes the rollback carried back. It is an upper bound, never a count of
 * committed writes: the counters include rows of aborted transactions, a backend reports them at most about once a
 * second and at exit (so the forward apply's last rows may show up late), and {@code pg_stat_reset} or a crash
 * resets them (then the difference is meaningless and shown as unknown).
 */
public final class PgRowChangeCounters {
    private static final String STEP = "row-change counters";

    private PgRowChangeCounters() {
    }

    /** The counters' sum now. */
    public static long total(JdbcConnections db, List<String> excludedSchemas, Duration timeout) {
        try (DbSession session = DbSession.open(db, Deadline.in(timeout), STEP)) {
            return session.one("reading pg_stat_user_tables", """
                    SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint AS n
                      FROM pg_stat_user_tables
                     WHERE schemaname <> ALL(?::text[])
                    """, rs -> rs.getLong("n"), List.copyOf(excludedSchemas));
        }
    }
}
