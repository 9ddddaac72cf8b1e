package io.cutover.local.dms;

import io.cutover.local.dms.TestDecoding.Change;
import io.cutover.local.dms.TestDecoding.Column;
import io.cutover.local.dms.TestDecoding.TableName;
import io.cutover.postgres.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns decoded changes into statements on the target, one savepoint each: a change the target refuses (a
 * duplicate key, a row an UPDATE does not find) is logged to awsdms_apply_exceptions and the rest goes on, as DMS
 * does with its default error handling (ApplyErrorInsertPolicy and ApplyErrorUpdatePolicy LOG_ERROR,
 * ApplyErrorDeletePolicy IGNORE_RECORD; DMS User Guide, "Error handling task settings").
 */
final class ChangeApplier {
    /** A change the target refused. */
    record Refused(TableName table, String statement, String error) {
    }

    private final Map<TableName, List<String>> keys = new ConcurrentHashMap<>();

    /**
     * @param savepoint run the change under a savepoint, so a refusal is logged and the transaction goes on;
     *                  without one a refusal throws and the caller rolls back
     * @return the refusal, or null when the change applied
     */
    Refused apply(Connection target, Change change, boolean savepoint) throws SQLException {
        if (change.kind() == TestDecoding.Kind.TRUNCATE) {
            String sql = "TRUNCATE TABLE " + change.tables().stream().map(ChangeApplier::ref)
                    .collect(Collectors.joining(", "));
            return run(target, change.table(), sql, List.of(), false, savepoint);
        }
        TableName table = change.table();
        return switch (change.kind()) {
            case INSERT -> {
                List<Column> cols = change.columns();
                String sql = "INSERT INTO " + ref(table) + " (" + cols.stream().map(c -> Identifiers.quote(c.name()))
                        .collect(Collectors.joining(", ")) + ") VALUES (" + cols.stream().map(ChangeApplier::param)
                        .collect(Collectors.joining(", ")) + ")";
                yield run(target, table, sql, cols, false, savepoint);
            }
            case UPDATE -> {
                List<Column> set = change.columns().stream().filter(c -> !c.unchanged()).toList();
                List<Column> where = change.oldKey().isEmpty() ? keyOf(target, table, change.columns())
                        : change.oldKey();
                List<Column> params = new ArrayList<>(set);
                params.addAll(bound(where));
                String sql = "UPDATE " + ref(table) + " SET " + set.stream().map(c -> Identifiers.quote(c.name())
                        + " = " + param(c)).collect(Collectors.joining(", ")) + where(where);
                yield run(target, table, sql, params, true, savepoint);
            }
            case DELETE -> {
                List<Column> where = change.columns();
                // IGNORE_RECORD: a delete that finds nothing is not an error.
                yield where.isEmpty() ? null : run(target, table, "DELETE FROM " + ref(table) + where(where),
                        bound(where), false, savepoint);
            }
            default -> throw new IllegalStateException("unexpected change " + change.kind());
        };
    }

    private Refused run(Connection target, TableName table, String sql, List<Column> params, boolean mustMatch,
                        boolean underSavepoint) throws SQLException {
        Savepoint savepoint = underSavepoint ? target.setSavepoint() : null;
        try (PreparedStatement st = target.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setString(i + 1, params.get(i).value());
            }
            int rows = st.executeUpdate();
            if (savepoint != null) {
                target.releaseSavepoint(savepoint);
            }
            if (mustMatch && rows == 0) {
                return new Refused(table, render(sql, params), "0 rows affected");
            }
            return null;
        } catch (SQLException e) {
            if (savepoint == null) {
                throw e;
            }
            target.rollback(savepoint);
            return new Refused(table, render(sql, params), "SQLSTATE " + e.getSQLState() + ": " + e.getMessage());
        }
    }

    private List<Column> keyOf(Connection target, TableName table, List<Column> row) throws SQLException {
        List<String> key = keys.get(table);
        if (key == null) {
            key = new ArrayList<>();
            try (PreparedStatement st = target.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                    + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary"
                    + " AND i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass ORDER BY a.attnum")) {
                st.setString(1, table.schema());
                st.setString(2, table.name());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        key.add(rs.getString(1));
                    }
                }
            }
            keys.put(table, List.copyOf(key));
        }
        List<String> names = key;
        List<Column> where = row.stream().filter(c -> names.contains(c.name())).toList();
        // Without a primary key the whole row identifies it, as with REPLICA IDENTITY FULL.
        return where.isEmpty() ? row.stream().filter(c -> !c.unchanged()).toList() : where;
    }

    /** The WHERE columns that take a parameter (a NULL key value is matched with IS NULL). */
    private static List<Column> bound(List<Column> where) {
        return where.stream().filter(c -> c.value() != null).toList();
    }

    private static String where(List<Column> cols) {
        return " WHERE " + cols.stream().map(c -> c.value() == null ? Identifiers.quote(c.name()) + " IS NULL"
                : Identifiers.quote(c.name()) + " = " + param(c)).collect(Collectors.joining(" AND "));
    }

    /** Every value travels as text and is cast by the target, as the plugin wrote it with the type's output. */
    private static String param(Column c) {
        return "?::" + c.type();
    }

    static String ref(TableName t) {
        return Identifiers.quote(t.schema()) + "." + Identifiers.quote(t.name());
    }

    private static String render(String sql, List<Column> params) {
        StringBuilder out = new StringBuilder();
        int p = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?' && p < params.size()) {
                String v = params.get(p++).value();
                out.append(v == null ? "NULL" : Identifiers.literal(v));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
