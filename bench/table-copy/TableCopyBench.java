import io.cutover.core.port.db.TableCopyReport;
import io.cutover.core.port.db.TableCopyResult;
import io.cutover.postgres.JdbcConnections;
import io.cutover.postgres.PgTableCopy;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * What the rollback's table copy (PgTableCopy, target onto source) costs at several table sizes, against a baseline
 * measured in the same run on the same rows: the plain reload of the table, streamed with COPY into an empty table of
 * the same definition on the source (the least any repair that moves the rows can do). The source holds the table
 * with 1 % of the rows missing and 1 % different, as a table the reverse DMS task left behind would. Prints, per
 * size, both times, their ratio, rows per second, and how many such rows fit the copy's budget under the default
 * drain timeout (300 s + 60 s, less 60 s of margin: ReverseSwitch). Run with the CLI jar on the class path:
 * {@code java -cp cli/target/cutover-cli.jar bench/table-copy/TableCopyBench.java DIR N...}.
 */
public final class TableCopyBench {
    private static final long DEFAULT_BUDGET_SECONDS = 300;

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        try (EmbeddedReplicatedPair pair = EmbeddedReplicatedPair.start(base)) {
            JdbcConnections source = JdbcConnections.inline(pair.sourceAdmin());
            JdbcConnections target = JdbcConnections.inline(pair.targetAdmin());
            PgTableCopy copy = new PgTableCopy(target, source);
            pair.executeOnBoth("CREATE SCHEMA bench");
            System.out.println(String.format(Locale.ROOT, "%10s %10s %10s %7s %12s %9s %9s %14s", "rows", "reload ms",
                    "copy ms", "ratio", "copy rows/s", "inserted", "updated", "rows in 300 s*"));
            for (int i = 1; i < args.length; i++) {
                long n = Long.parseLong(args[i]);
                String table = "bench.t_" + n;
                String ddl = " (id bigint PRIMARY KEY, client_id bigint NOT NULL, payload text NOT NULL,"
                        + " written_at timestamptz NOT NULL)";
                pair.executeOnBoth("CREATE TABLE " + table + ddl, "CREATE TABLE bench.reload_" + n + ddl);
                String rows = "SELECT g, g, repeat('x', 100), timestamptz '2026-12-01' + g * interval '1 ms'"
                        + " FROM generate_series(1, %d) g";
                pair.executeOnTarget("INSERT INTO " + table + " " + rows.formatted(n), "ANALYZE " + table);
                long kept = n - n / 100;
                pair.executeOnSource("INSERT INTO " + table + " " + rows.formatted(kept),
                        "UPDATE " + table + " SET client_id = -client_id WHERE id % 100 = 50", "ANALYZE " + table,
                        "CHECKPOINT");
                pair.executeOnTarget("CHECKPOINT");

                long reloadMs = reload(pair, table, "bench.reload_" + n);
                long started = System.nanoTime();
                TableCopyReport report = copy.copy(List.of(table), Duration.ofMinutes(30));
                long copyMs = (System.nanoTime() - started) / 1_000_000;
                TableCopyResult result = report.tables().get(0);
                long equal = count(pair.source(), "SELECT count(*) FROM " + table + " WHERE client_id = id");
                if (equal != n || result.rowsRead() != n) {
                    throw new IllegalStateException("after the copy the source has " + equal + " of " + n
                            + " rows as the target: " + result);
                }
                double perSecond = n * 1000.0 / Math.max(1, copyMs);
                System.out.println(String.format(Locale.ROOT, "%10d %10d %10d %7.2f %12.0f %9d %9d %14.0f", n,
                        reloadMs, copyMs, copyMs / (double) Math.max(1, reloadMs), perSecond, result.inserted(),
                        result.updated(), perSecond * DEFAULT_BUDGET_SECONDS));
                pair.executeOnBoth("DROP TABLE " + table, "DROP TABLE bench.reload_" + n);
            }
            System.out.println("(ms; ratio = copy / reload of the same rows in the same run; * extrapolated from the"
                    + " size's rate: rows of this width that fit the copy's budget with the default drainTimeoutSeconds,"
                    + " 300 s; 2 shared cores, both servers local, so no network between them)");
        }
    }

    /** The baseline: every row of the target's table streamed into an empty table on the source, committed. */
    private static long reload(EmbeddedReplicatedPair pair, String from, String into) throws Exception {
        long started = System.nanoTime();
        try (Connection t = pair.target().connect(EmbeddedReplicatedPair.DATABASE, EmbeddedPostgresServer.SUPERUSER);
             Connection s = pair.source().connect(EmbeddedReplicatedPair.DATABASE, EmbeddedPostgresServer.SUPERUSER)) {
            s.setAutoCommit(false);
            CopyOut out = t.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + from + " TO STDOUT");
            CopyIn in = s.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + into + " FROM STDIN");
            byte[] buffer;
            while ((buffer = out.readFromCopy()) != null) {
                in.writeToCopy(buffer, 0, buffer.length);
            }
            in.endCopy();
            s.commit();
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long count(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = server.connect(EmbeddedReplicatedPair.DATABASE, EmbeddedPostgresServer.SUPERUSER);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
