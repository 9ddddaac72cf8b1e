package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.TableCopyReport;
import io.cutover.core.port.db.TableCopyResult;
import io.cutover.core.time.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes tables on one database equal to the same tables on another, by primary key, in one transaction of the
 * receiving side: the rows are streamed over ({@code COPY}) into a temporary table, then the rows the sending side no
 * longer has are deleted, the missing ones inserted and the ones that differ updated. Rows already equal are not
 * touched, so a copy repeated (a retried rollback) changes nothing.
 *
 * <p>The rollback uses it for tables the reverse DMS task left behind (a table in 'Table error', a change logged in
 * awsdms_apply_exceptions), which DMS itself cannot repair for a CDC-only task (ReloadTables needs full load). It is
 * only sound while nothing writes either table: the rollback copies after the target's fence and the reverse drain.
 * The writes run with the receiving side's triggers and constraints in force, as DMS applies changes by default; a
 * constraint that refuses them fails the copy and the transaction leaves every table as it was.
 */
public final class PgTableCopy {
    private static final String STEP = "table copy";

    private final JdbcConnections from;
    private final JdbcConnections to;

    /** @param from the side read; @param to the side made equal to it */
    public PgTableCopy(JdbcConnections from, JdbcConnections to) {
        this.from = from;
        this.to = to;
    }

    /** A table resolved on both sides: its columns to copy (generated ones are computed) and its primary key. */
    private record Plan(Identifiers.QualifiedName table, List<String> columns, List<String> key) {
    }

    /**
     * @param tables {@code schema.table} as DMS names them (unquoted, case kept); a name with dots in it is matched
     *               against the tables that exist
     */
    public TableCopyReport copy(List<String> tables, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        try (DbSession reader = DbSession.openForLongStatements(from, deadline, STEP);
             DbSession writer = DbSession.openForLongStatements(to, deadline, STEP)) {
            List<Plan> plans = new ArrayList<>();
            for (String table : new java.util.TreeSet<>(tables)) {
                plans.add(plan(reader, writer, table));
            }
            return writer.transaction("copying " + tables + " from " + reader.where(), () -> {
                List<TableCopyResult> results = new ArrayList<>();
                for (int i = 0; i < plans.size(); i++) {
                    results.add(copyOne(reader, writer, plans.get(i), "cutover_copy_" + i));
                }
                return new TableCopyReport(results, deadline.elapsedMillis());
            });
        }
    }

    private static Plan plan(DbSession reader, DbSession writer, String name) {
        Identifiers.QualifiedName table = resolve(reader, name);
        List<String> sent = columns(reader, table);
        List<String> received = columns(writer, table);
        if (received.isEmpty()) {
            throw new DatabaseStepException(STEP, table + " does not exist on " + writer.where());
        }
        if (!new HashSet<>(sent).equals(new HashSet<>(received))) {
            throw new DatabaseStepException(STEP, table + " has columns " + sent + " on " + reader.where()
                    + " but " + received + " on " + writer.where() + ": it cannot be copied row for row");
        }
        List<String> key = writer.list("reading the primary key of " + table, """
                SELECT a.attname FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = ?::regclass AND i.indisprimary
                 ORDER BY array_position(i.indkey::int2[], a.attnum)""", rs -> rs.getString(1), table.quoted());
        if (key.isEmpty()) {
            throw new DatabaseStepException(STEP, table + " has no primary key on " + writer.where()
                    + ": rows cannot be matched, so it cannot be copied");
        }
        return new Plan(table, sent, key);
    }

    /** The one existing table {@code name} can mean, splitting it at each dot in turn. */
    private static Identifiers.QualifiedName resolve(DbSession db, String name) {
        List<Identifiers.QualifiedName> found = new ArrayList<>();
        for (int dot = name.indexOf('.'); dot > 0 && dot < name.length() - 1; dot = name.indexOf('.', dot + 1)) {
            Identifiers.QualifiedName candidate = new Identifiers.QualifiedName(name.substring(0, dot),
                    name.substring(dot + 1));
            boolean exists = db.one("looking up " + candidate, "SELECT to_regclass(?) IS NOT NULL AS found",
                    rs -> rs.getBoolean("found"), candidate.quoted());
            if (exists) {
                found.add(candidate);
            }
        }
        if (found.size() != 1) {
            throw new DatabaseStepException(STEP, "table " + name + (found.isEmpty() ? " not found" : " is ambiguous "
                    + found) + " on " + db.where());
        }
        return found.get(0);
    }

    /** Columns with stored values, in table order: generated columns are computed by the receiving side. */
    private static List<String> columns(DbSession db, Identifiers.QualifiedName table) {
        return db.list("reading the columns of " + table, """
                SELECT attname FROM pg_attribute
                 WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
                 ORDER BY attnum""", rs -> rs.getString(1), table.quoted());
    }

    private static TableCopyResult copyOne(DbSession reader, DbSession writer, Plan plan, String temp) {
        String table = plan.table().quoted();
        String cols = plan.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String doing = "copying " + plan.table();
        writer.execute(doing, "CREATE TEMPORARY TABLE " + temp + " ON COMMIT DROP AS SELECT " + cols + " FROM "
                + table + " WITH NO DATA");
        long read = writer.copyFrom(doing, reader, "COPY (SELECT " + cols + " FROM " + table + ") TO STDOUT",
                "COPY " + temp + " (" + cols + ") FROM STDIN");
        // Planner statistics for the anti-join and the upsert below, over a table that was empty a moment ago.
        writer.execute(doing, "ANALYZE " + temp);
        String keyMatch = plan.key().stream().map(k -> "c." + Identifiers.quote(k) + " = t." + Identifiers.quote(k))
                .collect(Collectors.joining(" AND "));
        long deleted = writer.update(doing, "DELETE FROM " + table + " t WHERE NOT EXISTS (SELECT 1 FROM " + temp
                + " c WHERE " + keyMatch + ")");
        List<String> values = plan.columns().stream().filter(c -> !plan.key().contains(c)).toList();
        String onConflict = values.isEmpty() ? "DO NOTHING" : "DO UPDATE SET "
                + values.stream().map(c -> Identifiers.quote(c) + " = EXCLUDED." + Identifiers.quote(c))
                .collect(Collectors.joining(", "))
                // Compared as text: every type has an output function, not every type an equality operator (json).
                + " WHERE ROW(" + values.stream().map(c -> "t." + Identifiers.quote(c) + "::text")
                .collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ROW(" + values.stream()
                .map(c -> "EXCLUDED." + Identifiers.quote(c) + "::text").collect(Collectors.joining(", ")) + ")";
        // OVERRIDING SYSTEM VALUE: the sending side's values of GENERATED ALWAYS identity columns are the rows' own.
        long[] upserted = writer.one(doing, "WITH up AS (INSERT INTO " + table + " AS t (" + cols + ")"
                + " OVERRIDING SYSTEM VALUE SELECT " + cols + " FROM " + temp + " ON CONFLICT ("
                + plan.key().stream().map(Identifiers::quote).collect(Collectors.joining(", ")) + ") " + onConflict
                + " RETURNING (xmax = 0) AS inserted)"
                + " SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM up",
                rs -> new long[] {rs.getLong("ins"), rs.getLong("upd")});
        return new TableCopyResult(plan.table().toString(), read, upserted[0], upserted[1], deleted);
    }
}
