package io.cutover.postgres;

import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.port.db.DmsApplyException;
import io.cutover.core.port.db.DmsControlTablesReport;
import io.cutover.core.port.db.DmsTaskControlStatus;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the control tables DMS keeps on the target database, {@code awsdms_status} and
 * {@code awsdms_apply_exceptions}. The tables and their columns are looked up
 * in the catalog first (case-insensitively: DMS documents them in upper case, creates them in lower case on
 * PostgreSQL), so a missing table or column is reported instead of failing the query.
 */
public final class PgDmsControlTables {
    static final String STATUS_TABLE = "awsdms_status";
    static final String EXCEPTIONS_TABLE = "awsdms_apply_exceptions";
    private static final String STEP = "DMS control tables";
    private static final int TEXT_LIMIT = 2000;

    private final JdbcConnections target;

    public PgDmsControlTables(JdbcConnections target) {
        this.target = target;
    }

    /**
     * @param controlSchema     the task setting {@code ControlSchema}; null or blank = the target's {@code public} schema
     * @param taskNames         task resource ids (ARN suffixes) to report; empty = all
     * @param newestExceptions  how many of the newest apply exceptions to return
     * @param timeout           the read must finish within this
     * @throws io.cutover.core.port.db.DatabaseStepException when the target cannot be read in time
     */
    public DmsControlTablesReport read(String controlSchema, List<String> taskNames, int newestExceptions,
                                       Duration timeout) {
        try (DbSession db = DbSession.open(target, Deadline.in(timeout), STEP)) {
            return read(db, controlSchema, taskNames, newestExceptions);
        }
    }

    static DmsControlTablesReport read(DbSession db, String controlSchema, List<String> taskNames, int newestExceptions) {
        String schema = schemaOrPublic(controlSchema);
        List<String> tasks = taskNames.stream().map(DmsTaskArn::resourceId).distinct().toList();
        Map<String, Table> tables = tables(db, schema);
        Table status = tables.get(STATUS_TABLE);
        Table exceptions = tables.get(EXCEPTIONS_TABLE);
        String readAt = db.one("reading the target clock", "SELECT now() AS t", rs -> DbSession.iso(rs, "t"));

        List<DmsTaskControlStatus> statuses = status == null ? List.of() : readStatus(db, schema, status, tasks);
        long exceptionCount = 0;
        Map<String, Long> byTask = new LinkedHashMap<>();
        List<DmsApplyException> newest = List.of();
        if (exceptions != null) {
            byTask = countExceptions(db, schema, exceptions, tasks);
            exceptionCount = byTask.values().stream().mapToLong(Long::longValue).sum();
            newest = newestExceptions(db, schema, exceptions, tasks, null, Math.max(0, newestExceptions));
        }
        return new DmsControlTablesReport(schema, status != null, exceptions != null, statuses, exceptionCount, byTask,
                newest, readAt);
    }

    /** A control table: its actual name and its columns, keyed by lower-case name. */
    record Table(String name, Map<String, Column> columns) {
        String ref(String schema) {
            return Identifiers.quote(schema) + "." + Identifiers.quote(name);
        }

        Column column(String lowerName) {
            return columns.get(lowerName);
        }
    }

    record Column(String name, String type) {
        String quoted() {
            return Identifiers.quote(name);
        }

        /** The column as timestamptz: DMS writes {@code timestamp} (no time zone) in UTC. */
        String asTimestamptz() {
            return switch (type) {
                case "timestamp with time zone" -> quoted();
                case "timestamp without time zone" -> "(" + quoted() + " AT TIME ZONE 'UTC')";
                default -> "(" + quoted() + "::timestamp AT TIME ZONE 'UTC')";
            };
        }
    }

    static String schemaOrPublic(String controlSchema) {
        return controlSchema == null || controlSchema.isBlank() ? "public" : controlSchema;
    }

    private static Map<String, Table> tables(DbSession db, String schema) {
        record Col(String table, String column, String type) {
        }
        List<Col> cols = db.list("looking up the DMS control tables", """
                SELECT c.relname, a.attname, format_type(a.atttypid, NULL) AS type
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE n.nspname = ? AND lower(c.relname) IN (?, ?) AND c.relkind IN ('r', 'p', 'v')
                 ORDER BY c.relname, a.attnum
                """, rs -> new Col(rs.getString("relname"), rs.getString("attname"), rs.getString("type")),
                schema, STATUS_TABLE, EXCEPTIONS_TABLE);
        Map<String, Table> tables = new HashMap<>();
        for (Col col : cols) {
            tables.computeIfAbsent(col.table().toLowerCase(Locale.ROOT), k -> new Table(col.table(), new HashMap<>()))
                    .columns().put(col.column().toLowerCase(Locale.ROOT), new Column(col.column(), col.type()));
        }
        return tables;
    }

    private static List<DmsTaskControlStatus> readStatus(DbSession db, String schema, Table table, List<String> tasks) {
        Column taskName = require(table, "task_name");
        Column taskStatus = table.column("task_status");
        Column statusTime = table.column("status_time");
        Column pending = table.column("pending_changes");
        Column applied = table.column("source_timestamp_applied");
        String statusTimeExpr = statusTime == null ? "NULL::timestamptz" : statusTime.asTimestamptz();
        String appliedExpr = applied == null ? "NULL::timestamptz" : applied.asTimestamptz();
        String sql = """
                SELECT %s::text AS task_name,
                       %s AS task_status,
                       %s AS status_time,
                       %s AS pending_changes,
                       %s AS applied,
                       (extract(epoch FROM (%s - %s)) * 1000)::bigint AS catch_up_lag_millis
                  FROM %s
                 %s
                 ORDER BY 1
                """.formatted(
                taskName.quoted(),
                taskStatus == null ? "NULL::text" : taskStatus.quoted() + "::text",
                statusTimeExpr,
                pending == null ? "NULL::bigint" : pending.quoted() + "::bigint",
                appliedExpr,
                statusTimeExpr, appliedExpr,
                table.ref(schema),
                tasks.isEmpty() ? "" : "WHERE " + taskName.quoted() + "::text = ANY(?::text[])");
        return db.list("reading " + STATUS_TABLE, sql, rs -> new DmsTaskControlStatus(
                rs.getString("task_name"),
                rs.getString("task_status"),
                DbSession.iso(rs, "status_time"),
                DbSession.nullableLong(rs, "pending_changes"),
                DbSession.iso(rs, "applied"),
                DbSession.nullableLong(rs, "catch_up_lag_millis")), taskParams(tasks));
    }

    private static Map<String, Long> countExceptions(DbSession db, String schema, Table table, List<String> tasks) {
        Column taskName = require(table, "task_name");
        String sql = "SELECT " + taskName.quoted() + "::text AS task_name, count(*) AS n FROM " + table.ref(schema)
                + (tasks.isEmpty() ? "" : " WHERE " + taskName.quoted() + "::text = ANY(?::text[])")
                + " GROUP BY 1 ORDER BY 1";
        Map<String, Long> counts = new LinkedHashMap<>();
        db.list("counting " + EXCEPTIONS_TABLE, sql,
                rs -> counts.put(String.valueOf(rs.getString("task_name")), rs.getLong("n")), taskParams(tasks));
        return counts;
    }

    /**
     * The apply exceptions DMS logged at or after {@code since} (ISO-8601; null: every row), newest first: DMS writes a row to
     * {@code awsdms_apply_exceptions} for each change it could not apply and goes on (DMS User Guide, "Control
     * tables"), so a change lost after the fence shows only here. Empty when the table does not exist.
     *
     * @throws io.cutover.core.port.db.DatabaseStepException when the table has no {@code error_time} column (the
     *         rows could not be placed before or after the fence) or the target cannot be read in time
     */
    public List<DmsApplyException> exceptionsSince(String controlSchema, List<String> taskNames, String since,
                                                   int limit, Duration timeout) {
        try (DbSession db = DbSession.open(target, Deadline.in(timeout), STEP)) {
            String schema = schemaOrPublic(controlSchema);
            Table exceptions = tables(db, schema).get(EXCEPTIONS_TABLE);
            if (exceptions == null) {
                return List.of();
            }
            require(exceptions, "error_time");
            List<String> tasks = taskNames.stream().map(DmsTaskArn::resourceId).distinct().toList();
            return newestExceptions(db, schema, exceptions, tasks, since, limit);
        }
    }

    /**
     * Every table with a change the tasks logged in awsdms_apply_exceptions at or after {@code since} (null: ever),
     * as {@code schema.table}, sorted: the whole list, not a page, as the rollback copies each of them.
     */
    public List<String> tablesWithExceptionsSince(String controlSchema, List<String> taskNames, String since,
                                                  Duration timeout) {
        try (DbSession db = DbSession.open(target, Deadline.in(timeout), STEP)) {
            String schema = schemaOrPublic(controlSchema);
            Table exceptions = tables(db, schema).get(EXCEPTIONS_TABLE);
            if (exceptions == null) {
                return List.of();
            }
            Column taskName = require(exceptions, "task_name");
            Column owner = require(exceptions, "table_owner");
            Column name = require(exceptions, "table_name");
            Column errorTime = require(exceptions, "error_time");
            List<String> tasks = taskNames.stream().map(DmsTaskArn::resourceId).distinct().toList();
            List<Object> params = new java.util.ArrayList<>();
            String where = exceptionsWhere(taskName, errorTime.asTimestamptz(), tasks, since, params);
            return db.list("reading the tables in " + EXCEPTIONS_TABLE, "SELECT DISTINCT " + owner.quoted()
                    + "::text || '.' || " + name.quoted() + "::text AS t FROM " + exceptions.ref(schema) + " "
                    + where + " ORDER BY 1", rs -> rs.getString("t"), params.toArray());
        }
    }

    private static List<DmsApplyException> newestExceptions(DbSession db, String schema, Table table, List<String> tasks,
                                                            String since, int limit) {
        if (limit == 0) {
            return List.of();
        }
        Column taskName = require(table, "task_name");
        Column errorTime = table.column("error_time");
        String errorTimeExpr = errorTime == null ? "NULL::timestamptz" : errorTime.asTimestamptz();
        List<Object> params = new java.util.ArrayList<>();
        String where = exceptionsWhere(taskName, errorTimeExpr, tasks, since, params);
        String sql = """
                SELECT %s::text AS task_name, %s AS table_owner, %s AS table_name, %s AS error_time,
                       %s AS statement, %s AS error
                  FROM %s
                 %s
                 ORDER BY 4 DESC NULLS LAST
                 LIMIT %d
                """.formatted(
                taskName.quoted(),
                text(table, "table_owner"), text(table, "table_name"), errorTimeExpr,
                text(table, "statement"), text(table, "error"),
                table.ref(schema),
                where,
                limit);
        return db.list("reading " + EXCEPTIONS_TABLE, sql, rs -> new DmsApplyException(
                rs.getString("task_name"), rs.getString("table_owner"), rs.getString("table_name"),
                DbSession.iso(rs, "error_time"), rs.getString("statement"), rs.getString("error")), params.toArray());
    }

    /** {@code WHERE} of the rows of these tasks (all, when none named) at or after {@code since}; "" for every row. */
    private static String exceptionsWhere(Column taskName, String errorTimeExpr, List<String> tasks, String since,
                                          List<Object> params) {
        List<String> where = new java.util.ArrayList<>();
        if (!tasks.isEmpty()) {
            where.add(taskName.quoted() + "::text = ANY(?::text[])");
            params.add(taskParams(tasks)[0]);
        }
        if (since != null) {
            where.add(errorTimeExpr + " >= ?::timestamptz");
            params.add(since);
        }
        return where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where);
    }

    private static String text(Table table, String column) {
        Column c = table.column(column);
        return c == null ? "NULL::text" : "left(" + c.quoted() + "::text, " + TEXT_LIMIT + ")";
    }

    private static Column require(Table table, String column) {
        Column c = table.column(column);
        if (c == null) {
            throw new io.cutover.core.port.db.DatabaseStepException(STEP,
                    table.name() + " has no " + column + " column: not a DMS control table?");
        }
        return c;
    }

    private static Object[] taskParams(List<String> tasks) {
        return tasks.isEmpty() ? new Object[0] : new Object[] {tasks};
    }
}
