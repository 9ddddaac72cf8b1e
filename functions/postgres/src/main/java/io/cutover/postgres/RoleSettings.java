package io.cutover.postgres;

import io.cutover.core.port.db.RoleDatabaseSetting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Reads a role's login flag and its stored {@code default_transaction_read_only} entries. */
final class RoleSettings {
    static final String READ_ONLY_GUC = "default_transaction_read_only";

    /** The state of one role as stored in the catalog. */
    record State(String role, boolean canLogin, boolean replication, List<RoleDatabaseSetting> readOnlySettings) {
        /** Entries keyed by database (null key = role-wide). */
        Map<String, String> byDatabase() {
            Map<String, String> map = new HashMap<>();
            readOnlySettings.forEach(s -> map.put(s.database(), s.value()));
            return map;
        }

        String roleWideValue() {
            return byDatabase().get(null);
        }
    }

    private RoleSettings() {
    }

    /** Existing roles among {@code roles}, keyed by name, in request order. */
    static Map<String, State> read(DbSession db, List<String> roles) {
        record Entry(String role, String database, String value) {
        }
        Map<String, State> states = new LinkedHashMap<>();
        db.list("reading the roles", """
                SELECT rolname, rolcanlogin, rolreplication FROM pg_roles WHERE rolname = ANY(?::text[])
                """, rs -> new State(rs.getString("rolname"), rs.getBoolean("rolcanlogin"),
                rs.getBoolean("rolreplication"), new ArrayList<>()), roles)
                .forEach(s -> states.put(s.role(), s));
        List<Entry> entries = db.list("reading the roles' " + READ_ONLY_GUC + " settings", """
                SELECT r.rolname, d.datname, substr(cfg, length(?) + 2) AS value
                  FROM pg_db_role_setting s
                  JOIN pg_roles r ON r.oid = s.setrole
                  LEFT JOIN pg_database d ON d.oid = s.setdatabase AND s.setdatabase <> 0
                 CROSS JOIN LATERAL unnest(s.setconfig) AS cfg
                 WHERE r.rolname = ANY(?::text[]) AND starts_with(cfg, ? || '=')
                 ORDER BY r.rolname, d.datname NULLS FIRST
                """, rs -> new Entry(rs.getString("rolname"), rs.getString("datname"), rs.getString("value")),
                READ_ONLY_GUC, roles, READ_ONLY_GUC);
        for (Entry e : entries) {
            State s = states.get(e.role());
            if (s != null) {
                s.readOnlySettings().add(new RoleDatabaseSetting(e.database(), e.value()));
            }
        }
        Map<String, State> ordered = new LinkedHashMap<>();
        for (String role : roles) {
            State s = states.get(role);
            if (s != null) {
                ordered.put(role, new State(s.role(), s.canLogin(), s.replication(), List.copyOf(s.readOnlySettings())));
            }
        }
        return ordered;
    }

    /** PostgreSQL's boolean spellings: on, true, yes, 1 and their unique prefixes. */
    static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("1") || (!v.isEmpty() && ("true".startsWith(v) || "yes".startsWith(v)));
    }

    static String alterStatement(String role, String database, String value) {
        String scope = "ALTER ROLE " + Identifiers.quote(role)
                + (database == null ? "" : " IN DATABASE " + Identifiers.quote(database));
        return Objects.isNull(value)
                ? scope + " RESET " + READ_ONLY_GUC
                : scope + " SET " + READ_ONLY_GUC + " = " + Identifiers.literal(value);
    }
}
