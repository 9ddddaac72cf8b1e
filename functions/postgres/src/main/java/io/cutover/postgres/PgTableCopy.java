package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.TableCopyReport;
import io.cutover.core.port.db.TableCopyResult;
import io.cutover.core.time.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * constraint that refuses them fails the copy and the transaction leaves every table as it was. Foreign keys between
 * the tables copied are kept by order: every table's rows are read first, then deletes run children first and inserts
 * and updates parents first, deletes before upserts or, when a constraint refuses that, upserts before deletes. Both sessions turn {@code row_security} off, so a policy that would hide rows from the
 * copy fails it instead of making it delete them.
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

    /**
     * A table resolved on both sides: its columns to copy (generated ones are computed), those an update may not set
     * (GENERATED ALWAYS identity columns take only DEFAULT in an UPDATE), and its primary key.
     */
    private record Plan(Identifiers.QualifiedName table, List<String> columns, List<String> alwaysIdentity,
                        List<String> key) {
    }

    /**
     * @param tables {@code schema.table} as DMS names them (unquoted, case kept); a name with dots in it is matched
     *               against the tables that exist
     */
    public TableCopyReport copy(List<String> tables, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        try (DbSession reader = open(from, deadline); DbSession writer = open(to, deadline)) {
            List<Plan> plans = parentsFirst(writer, plans(reader, writer, tables));
            return writer.transaction("copying " + tables + " from " + reader.where(), () -> {
                List<String> temps = new ArrayList<>();
                List<Long> read = new ArrayList<>();
                // Every table read from one snapshot, so rows that reference each other arrive together.
                reader.transaction("reading " + tables + " in one snapshot", () -> {
                    reader.execute("taking one snapshot", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    for (int i = 0; i < plans.size(); i++) {
                        temps.add("cutover_copy_" + i);
                        read.add(stage(reader, writer, plans.get(i), temps.get(i)));
                    }
                    return null;
                });
                // Deferrable constraints are checked at the commit, when every table is whole again.
                writer.execute("deferring constraints", "SET CONSTRAINTS ALL DEFERRED");
                long[] deleted = new long[plans.size()];
                long[][] upserted = new long[plans.size()][];
                // Deletes first frees a unique value a new row takes over; upserts first moves a child off a parent
                // that is then deleted. Neither order suits every change, so the first is tried under a savepoint and
                // the second follows when a constraint refused it; a refusal of both fails the copy.
                DatabaseStepException deletesFirst = writer.underSavepoint("deleting, then upserting",
                        INTEGRITY_VIOLATIONS, () -> {
                            deleteChildrenFirst(writer, plans, temps, deleted);
                            upsertParentsFirst(writer, plans, temps, upserted);
                            return null;
                        });
                if (deletesFirst != null) {
                    try {
                        upsertParentsFirst(writer, plans, temps, upserted);
                        deleteChildrenFirst(writer, plans, temps, deleted);
                    } catch (DatabaseStepException upsertsFirst) {
                        upsertsFirst.addSuppressed(deletesFirst);
                        throw new DatabaseStepException(STEP, "no order of deletes and upserts satisfies the"
                                + " constraints of " + writer.where() + ": deletes first: " + deletesFirst.getMessage()
                                + "; upserts first: " + upsertsFirst.getMessage(), upsertsFirst.sqlState(),
                                upsertsFirst);
                    }
                }
                List<TableCopyResult> results = new ArrayList<>();
                for (int i = 0; i < plans.size(); i++) {
                    results.add(new TableCopyResult(plans.get(i).table().toString(), read.get(i), upserted[i][0],
                            upserted[i][1], deleted[i]));
                }
                return new TableCopyReport(results, deadline.elapsedMillis());
            });
        }
    }

    /** Foreign key (23503), unique (23505), check (23514) and exclusion (23P01) violations. */
    private static final Set<String> INTEGRITY_VIOLATIONS = Set.of("23503", "23505", "23514", "23P01");

    private static void deleteChildrenFirst(DbSession writer, List<Plan> plans, List<String> temps, long[] deleted) {
        for (int i = plans.size() - 1; i >= 0; i--) {
            deleted[i] = delete(writer, plans.get(i), temps.get(i));
        }
    }

    private static void upsertParentsFirst(DbSession writer, List<Plan> plans, List<String> temps,
                                           long[][] upserted) {
        for (int i = 0; i < plans.size(); i++) {
            upserted[i] = upsert(writer, plans.get(i), temps.get(i));
        }
    }

    /**
     * Why each table could not be copied (missing, ambiguous, no primary key, other columns, inheritance children),
     * changing nothing: for a rollback to refuse before it fences anything. Empty when all can.
     */
    public List<String> problems(List<String> tables, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        List<String> problems = new ArrayList<>();
        try (DbSession reader = open(from, deadline); DbSession writer = open(to, deadline)) {
            for (String table : new java.util.TreeSet<>(tables)) {
                try {
                    plan(reader, writer, table);
                } catch (DatabaseStepException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return problems;
    }

    private static DbSession open(JdbcConnections side, Deadline deadline) {
        DbSession db = DbSession.openForLongStatements(side, deadline, STEP);
        try {
            // Off: a row-level security policy then raises an error rather than filtering rows out of the copy.
            db.execute("turning row_security off", "SET row_security = off");
            // Text COPY writes values as the session's settings spell them and reads them the same way: the same
            // spelling on both sides, so no date, interval, float or money value is read back as another.
            db.execute("setting the text formats", "SET DateStyle = 'ISO, YMD'");
            db.execute("setting the text formats", "SET IntervalStyle = 'postgres'");
            db.execute("setting the text formats", "SET extra_float_digits = 3");
            db.execute("setting the text formats", "SET lc_monetary = 'C'");
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static List<Plan> plans(DbSession reader, DbSession writer, List<String> tables) {
        List<Plan> plans = new ArrayList<>();
        for (String table : new java.util.TreeSet<>(tables)) {
            plans.add(plan(reader, writer, table));
        }
        return plans;
    }

    /** The plans ordered so that a table comes after every copied table its foreign keys reference. */
    private static List<Plan> parentsFirst(DbSession writer, List<Plan> plans) {
        java.util.Map<String, Plan> byName = new java.util.LinkedHashMap<>();
        plans.forEach(p -> byName.put(p.table().quoted(), p));
        java.util.Map<String, java.util.Set<String>> parents = new java.util.HashMap<>();
        List<String> names = List.copyOf(byName.keySet());
        // Each key's two ends as positions in the list given, so no table name is spelled twice to be matched.
        writer.list("reading the foreign keys between the tables copied", """
                SELECT array_position(t.oids, c.conrelid) AS child, array_position(t.oids, c.confrelid) AS parent
                  FROM (SELECT ?::regclass[]::oid[] AS oids) t
                  JOIN pg_constraint c ON c.contype = 'f' AND c.conrelid = ANY (t.oids)
                   AND c.confrelid = ANY (t.oids) AND c.conrelid <> c.confrelid""",
                rs -> new int[] {rs.getInt("child"), rs.getInt("parent")}, names)
                .forEach(edge -> parents.computeIfAbsent(names.get(edge[0] - 1), k -> new HashSet<>())
                        .add(names.get(edge[1] - 1)));
        List<Plan> ordered = new ArrayList<>();
        java.util.Set<String> placed = new HashSet<>();
        while (ordered.size() < plans.size()) {
            boolean progress = false;
            for (java.util.Map.Entry<String, Plan> e : byName.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(parents.getOrDefault(e.getKey(), Set.of()))) {
                    ordered.add(e.getValue());
                    placed.add(e.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                // A cycle of foreign keys: one member goes first (by name), then the rest in order again; deferrable
                // keys and the second order of the passes may still satisfy it, else the constraint names itself.
                for (java.util.Map.Entry<String, Plan> e : byName.entrySet()) {
                    if (placed.add(e.getKey())) {
                        ordered.add(e.getValue());
                        break;
                    }
                }
            }
        }
        return ordered;
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
        boolean inherited = writer.one("looking for inheritance children of " + table, """
                SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                                WHERE i.inhparent = ?::regclass AND NOT c.relispartition) AS found""",
                rs -> rs.getBoolean("found"), table.quoted());
        if (inherited) {
            // Their rows show in the parent's SELECT and DELETE but an INSERT would put them in the parent.
            throw new DatabaseStepException(STEP, table + " has inheritance children on " + writer.where()
                    + ": copy each child table on its own");
        }
        // Key columns only (indnkeyatts): an INCLUDE column of the key's index is no part of ON CONFLICT's target.
        List<String> key = writer.list("reading the primary key of " + table, """
                SELECT a.attname FROM pg_index i
                  CROSS JOIN generate_series(0, i.indnkeyatts - 1) k
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
                 WHERE i.indrelid = ?::regclass AND i.indisprimary
                 ORDER BY k""", rs -> rs.getString(1), table.quoted());
        if (key.isEmpty()) {
            throw new DatabaseStepException(STEP, table + " has no primary key on " + writer.where()
                    + ": rows cannot be matched, so it cannot be copied");
        }
        List<String> alwaysIdentity = writer.list("reading the identity columns of " + table, """
                SELECT attname FROM pg_attribute
                 WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attidentity = 'a'""",
                rs -> rs.getString(1), table.quoted());
        return new Plan(table, sent, alwaysIdentity, key);
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

    /** The sending side's rows into a temporary table of the receiving side; how many. */
    private static long stage(DbSession reader, DbSession writer, Plan plan, String temp) {
        String table = plan.table().quoted();
        String cols = list(plan.columns(), "");
        String doing = "copying " + plan.table();
        writer.execute(doing, "CREATE TEMPORARY TABLE " + temp + " ON COMMIT DROP AS SELECT " + cols + " FROM "
                + table + " WITH NO DATA");
        long read = writer.copyFrom(doing, reader, "COPY (SELECT " + cols + " FROM " + table + ") TO STDOUT",
                "COPY " + temp + " (" + cols + ") FROM STDIN");
        // Planner statistics for the anti-join and the upsert, over a table that was empty a moment ago.
        writer.execute(doing, "ANALYZE " + temp);
        return read;
    }

    /** Rows the sending side no longer has. */
    private static long delete(DbSession writer, Plan plan, String temp) {
        String keyMatch = plan.key().stream().map(k -> "c." + Identifiers.quote(k) + " = t." + Identifiers.quote(k))
                .collect(Collectors.joining(" AND "));
        return writer.update("deleting from " + plan.table(), "DELETE FROM " + plan.table().quoted() + " t"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + temp + " c WHERE " + keyMatch + ")");
    }

    /** Rows missing inserted, rows that differ updated; {inserted, updated}. */
    private static long[] upsert(DbSession writer, Plan plan, String temp) {
        String cols = list(plan.columns(), "");
        List<String> values = plan.columns().stream()
                .filter(c -> !plan.key().contains(c) && !plan.alwaysIdentity().contains(c)).toList();
        String onConflict = values.isEmpty() ? "DO NOTHING" : "DO UPDATE SET "
                + values.stream().map(c -> Identifiers.quote(c) + " = EXCLUDED." + Identifiers.quote(c))
                .collect(Collectors.joining(", "))
                // Compared as text: every type has an output function, not every type an equality operator (json).
                + " WHERE ROW(" + list(values, "t.") + ") IS DISTINCT FROM ROW(" + list(values, "EXCLUDED.") + ")";
        // OVERRIDING SYSTEM VALUE: the sending side's values of GENERATED ALWAYS identity columns are the rows' own.
        return writer.one("inserting and updating " + plan.table(), "WITH up AS (INSERT INTO "
                + plan.table().quoted() + " AS t (" + cols + ") OVERRIDING SYSTEM VALUE SELECT " + cols + " FROM "
                + temp + " ON CONFLICT (" + list(plan.key(), "") + ") " + onConflict
                + " RETURNING (xmax = 0) AS inserted)"
                + " SELECT count(*) FILTER (WHERE inserted) AS ins, count(*) FILTER (WHERE NOT inserted) AS upd FROM up",
                rs -> new long[] {rs.getLong("ins"), rs.getLong("upd")});
    }

    private static String list(List<String> columns, String prefix) {
        return columns.stream().map(c -> prefix + Identifiers.quote(c) + (prefix.isEmpty() ? "" : "::text"))
                .collect(Collectors.joining(", "));
    }
}
