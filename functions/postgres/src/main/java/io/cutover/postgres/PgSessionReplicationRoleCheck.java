package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.ReplicationRoleSetting;
import io.cutover.core.port.db.SessionReplicationRoleReport;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks, and on request resets, {@code session_replication_role} on the target.
 *
 * <p>Reads {@code session_replication_role} where it can be stored for the target database: {@code ALTER DATABASE},
 * {@code ALTER ROLE} and {@code ALTER ROLE … IN DATABASE} (all in {@code pg_db_role_setting}), and the value a fresh
 * session gets, whose {@code pg_settings.source} tells a server default (parameter group) from the rest.
 */
public final class PgSessionReplicationRoleCheck {
    static final String GUC = "session_replication_role";
    private static final String STEP = "session_replication_role";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Set<String> SERVER_SOURCES = Set.of("configuration file", "default", "command line");

    private final JdbcConnections target;

    public PgSessionReplicationRoleCheck(JdbcConnections target) {
        this.target = target;
    }

    /** Reports every stored setting for the target database and the value a fresh session gets; changes nothing. */
    public SessionReplicationRoleReport check(Duration timeout) {
        return inspect(Deadline.in(timeout), List.of(), List.of());
    }

    /**
     * Resets every stored setting that is not {@code origin} ({@code ALTER DATABASE … RESET},
     * {@code ALTER ROLE … [IN DATABASE …] RESET}), then checks again from a fresh session.
     * A server default other than {@code origin} (parameter group) is reported, not changed. Idempotent.
     */
    public SessionReplicationRoleReport resetToOrigin(Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        List<String> statements = new ArrayList<>();
        List<ReplicationRoleSetting> reset = new ArrayList<>();
        try (DbSession db = DbSession.open(target, deadline, STEP)) {
            for (ReplicationRoleSetting s : storedSettings(db)) {
                if (!s.hasOriginValue()) {
                    String sql = resetStatement(s);
                    db.execute("resetting " + GUC + " (" + s.scope() + ")", sql);
                    statements.add(sql);
                    reset.add(new ReplicationRoleSetting(s.scope(), s.role(), s.database(), s.value(), true));
                }
            }
        }
        // A fresh session, so that the reported value is what new sessions get after the reset.
        return inspect(deadline, statements, reset);
    }

    static String resetStatement(ReplicationRoleSetting s) {
        return switch (s.scope()) {
            case "DATABASE" -> "ALTER DATABASE " + Identifiers.quote(s.database()) + " RESET " + GUC;
            case "ROLE" -> "ALTER ROLE " + Identifiers.quote(s.role()) + " RESET " + GUC;
            case "ROLE_IN_DATABASE" -> "ALTER ROLE " + Identifiers.quote(s.role()) + " IN DATABASE "
                    + Identifiers.quote(s.database()) + " RESET " + GUC;
            default -> throw new IllegalArgumentException("unknown scope " + s.scope());
        };
    }

    private SessionReplicationRoleReport inspect(Deadline deadline, List<String> statements,
                                                 List<ReplicationRoleSetting> resetNow) {
        try (DbSession db = DbSession.open(target, deadline, STEP)) {
            String database = db.one("reading the database name", "SELECT current_database() AS d", rs -> rs.getString("d"));
            record Session(String value, String source) {
            }
            Session session = db.one("reading " + GUC + " of this session",
                    "SELECT setting, source FROM pg_settings WHERE name = ?",
                    rs -> new Session(rs.getString("setting"), rs.getString("source")), GUC);
            List<ReplicationRoleSetting> stored = storedSettings(db);
            List<ReplicationRoleSetting> settings = new ArrayList<>(resetNow);
            settings.addAll(stored);
            Boolean serverDefaultOrigin = SERVER_SOURCES.contains(session.source())
                    ? Boolean.valueOf("origin".equals(session.value()))
                    : fileSettingIsOrigin(db);
            boolean storedOrigin = stored.stream().allMatch(ReplicationRoleSetting::hasOriginValue);
            boolean allOrigin = storedOrigin && "origin".equals(session.value()) && !Boolean.FALSE.equals(serverDefaultOrigin);
            String detail = null;
            if (Boolean.FALSE.equals(serverDefaultOrigin)) {
                detail = "the server default of " + GUC + " is not origin (source: " + session.source()
                        + "): change the DB parameter group, SQL cannot";
            } else if (!storedOrigin) {
                detail = "stored settings other than origin remain: resetToOrigin resets them";
            } else if (!"origin".equals(session.value())) {
                detail = "a fresh session gets " + session.value() + " (source: " + session.source() + ")";
            }
            return new SessionReplicationRoleReport(database, session.value(), session.source(), settings,
                    serverDefaultOrigin, allOrigin, statements, detail);
        }
    }

    /** The server-wide value from the configuration files, when this login may read {@code pg_file_settings}. */
    private static Boolean fileSettingIsOrigin(DbSession db) {
        try {
            return db.optional("reading the configured server default of " + GUC,
                    "SELECT setting FROM pg_file_settings WHERE name = ? AND applied ORDER BY seqno DESC LIMIT 1",
                    rs -> "origin".equals(rs.getString("setting")), GUC).orElse(Boolean.TRUE);
        } catch (DatabaseStepException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.sqlState())) {
                return null;
            }
            throw e;
        }
    }

    static List<ReplicationRoleSetting> storedSettings(DbSession db) {
        return db.list("reading stored " + GUC + " settings", """
                SELECT CASE WHEN s.setrole = 0 THEN 'DATABASE'
                            WHEN s.setdatabase = 0 THEN 'ROLE'
                            ELSE 'ROLE_IN_DATABASE' END AS scope,
                       r.rolname, d.datname, substr(cfg, length(?) + 2) AS value
                  FROM pg_db_role_setting s
                  LEFT JOIN pg_roles r ON r.oid = s.setrole
                  LEFT JOIN pg_database d ON d.oid = s.setdatabase
                 CROSS JOIN LATERAL unnest(s.setconfig) AS cfg
                 WHERE starts_with(cfg, ? || '=') AND (s.setdatabase = 0 OR d.datname = current_database())
                 ORDER BY 1, 2, 3
                """, rs -> new ReplicationRoleSetting(rs.getString("scope"), rs.getString("rolname"),
                rs.getString("datname"), rs.getString("value"), false), GUC, GUC);
    }
}
