package io.cutover.local.rehearsal;

import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code --rows N}: a database of production size for the cutover to carry over. {@value #BIG_TABLES} tables share
 * the N rows, each row with a {@code created_at} spread over the past {@value #DAYS} days (the row-count step counts
 * them per day: {@link #isBigTable}), and {@value #LEDGER_TABLES} ledger tables of {@value #SEQUENCES_PER_LEDGER}
 * columns each fed by its own owned sequence, so the sequence sync has {@value #SEQUENCES} sequences (plus the big
 * tables' own) to set inside the write window.
 *
 * <p>The tables are created on both servers and filled on the source <em>before</em> the subscription learns of
 * them ({@code REFRESH PUBLICATION} comes after, in {@link RehearsalServers#start}): the target then receives them
 * through the subscription's initial copy (a {@code COPY} per table), as a production target receives its data
 * before the cutover, instead of row by row through the apply worker, which at 10 M rows would take longer than the
 * rest of the benchmark. DMS rehearsals use the same initial copy: the stand-in replaces the subscription after it.
 */
public record RehearsalFill(long rows) {
    public static final String SCHEMA = "rehearsal_fill";
    public static final int BIG_TABLES = 4;
    public static final int LEDGER_TABLES = 30;
    public static final int SEQUENCES_PER_LEDGER = 100;
    public static final int SEQUENCES = LEDGER_TABLES * SEQUENCES_PER_LEDGER;
    public static final int DAYS = 30;
    public static final int LEDGER_ROWS = 3;
    /**
     * Rows per INSERT: each chunk is its own statement and transaction, a few seconds at most, so no socket read
     * timeout is reached and the source's logical decoding never holds one 10 M-row transaction in memory or spills
     * it whole.
     */
    static final long CHUNK = 200_000;

    public RehearsalFill {
        if (rows < 0) {
            throw new IllegalArgumentException("rows: " + rows + " is negative");
        }
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Big table {@code k} (1-based). */
    public static String bigTable(int k) {
        return SCHEMA + ".events_" + k;
    }

    /** Whether a (qualified) table is one of the big, day-bucketed tables. */
    public static boolean isBigTable(String table) {
        return table.matches(SCHEMA + "\\.events_[0-9]+");
    }

    public static String ledgerTable(int k) {
        return String.format(Locale.ROOT, "%s.ledger_%02d", SCHEMA, k);
    }

    /** Rows big table {@code k} gets: an equal share, the remainder on the first. */
    public long rowsOf(int k) {
        long share = rows / BIG_TABLES;
        return k == 1 ? share + rows % BIG_TABLES : share;
    }

    /** The time the copy of the filled tables may take on a loaded 2-core machine, on top of the usual copy. */
    public Duration copyAllowance() {
        return Duration.ofSeconds(rows / 10_000);
    }

    /** Statements run on both servers: the schema, the big tables, the ledgers and their sequences. */
    public List<String> ddl() {
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE SCHEMA " + SCHEMA);
        for (int k = 1; k <= BIG_TABLES; k++) {
            ddl.add("CREATE TABLE " + bigTable(k) + " (id bigserial PRIMARY KEY, account_id integer NOT NULL,"
                    + " amount numeric(12,2) NOT NULL, note text NOT NULL, created_at timestamptz NOT NULL)");
            // Per-day counts of the recent days read only those days' rows through it.
            ddl.add("CREATE INDEX events_" + k + "_created_at ON " + bigTable(k) + " (created_at)");
        }
        for (int k = 1; k <= LEDGER_TABLES; k++) {
            ddl.add(ledgerDdl(k));
        }
        return ddl;
    }

    /**
     * One ledger table: every column defaults to its own sequence, owned by the column; each column has a btree
     * index (the first is the primary key) because the sequence sync reads each fed column's largest value through
     * one and preflight refuses a fed column without.
     */
    static String ledgerDdl(int k) {
        String table = ledgerTable(k);
        String bare = table.substring(SCHEMA.length() + 1);
        StringBuilder sql = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (int c = 1; c <= SEQUENCES_PER_LEDGER; c++) {
            String column = String.format(Locale.ROOT, "c%03d", c);
            String sequence = SCHEMA + "." + bare + "_" + column + "_seq";
            sql.append("CREATE SEQUENCE ").append(sequence).append(";\n");
            columns.append(c == 1 ? "" : ", ").append(column).append(" bigint NOT NULL DEFAULT nextval('")
                    .append(sequence).append("')").append(c == 1 ? " PRIMARY KEY" : "");
        }
        sql.append("CREATE TABLE ").append(table).append(" (").append(columns).append(");\n");
        for (int c = 1; c <= SEQUENCES_PER_LEDGER; c++) {
            String column = String.format(Locale.ROOT, "c%03d", c);
            sql.append("ALTER SEQUENCE ").append(SCHEMA).append('.').append(bare).append('_').append(column)
                    .append("_seq OWNED BY ").append(table).append('.').append(column).append(";\n");
            if (c > 1) {
                sql.append("CREATE INDEX ").append(bare).append('_').append(column).append(" ON ").append(table)
                        .append(" (").append(column).append(");\n");
            }
        }
        return sql.toString();
    }

    /** The INSERTs that fill big table {@code k}, chunk by chunk; rows spread evenly over the past {@value #DAYS} days. */
    List<String> inserts(int k) {
        List<String> inserts = new ArrayList<>();
        long total = rowsOf(k);
        for (long from = 1; from <= total; from += CHUNK) {
            long to = Math.min(total, from + CHUNK - 1);
            inserts.add("INSERT INTO " + bigTable(k) + " (account_id, amount, note, created_at)"
                    + " SELECT g % 10000, (g % 100000) / 100.0, 'fill row ' || g,"
                    + " now() - interval '1 hour' - (g % " + DAYS * 1440 + ") * interval '1 minute'"
                    + " FROM generate_series(" + from + ", " + to + ") g");
        }
        return inserts;
    }

    /**
     * Fills the source: the big tables chunk by chunk, then {@value #LEDGER_ROWS} rows in each ledger (every ledger
     * sequence at {@value #LEDGER_ROWS}). On its own connection without a socket read timeout and with no statement
     * timeout: a chunk on a loaded machine may take longer than the quick observers' connections allow.
     */
    void fillSource(EmbeddedPostgresServer source) {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "0");
        p.setProperty("ApplicationName", "rehearsal-fill");
        try (Connection c = DriverManager.getConnection(source.jdbcUrl(EmbeddedReplicatedPair.DATABASE), p);
             Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = 0");
            for (int k = 1; k <= BIG_TABLES; k++) {
                for (String insert : inserts(k)) {
                    st.execute(insert);
                }
            }
            for (int k = 1; k <= LEDGER_TABLES; k++) {
                for (int r = 0; r < LEDGER_ROWS; r++) {
                    st.execute("INSERT INTO " + ledgerTable(k) + " DEFAULT VALUES");
                }
            }
            st.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("--rows " + rows + ": filling the source failed: " + e.getMessage(), e);
        }
    }
}
