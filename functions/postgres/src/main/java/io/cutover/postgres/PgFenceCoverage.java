package io.cutover.postgres;

import io.cutover.core.time.Deadline;
import java.time.Duration;
import java.util.List;

/**
 * What the fence does not cover. Role settings ({@code ALTER ROLE … SET default_transaction_read_only}) apply to the
 * role a session logs in as and are not inherited by its members (PostgreSQL docs, "ALTER ROLE": settings are applied
 * at login for that role only), and {@code NOLOGIN} stops only that role's logins: a login role that is a member of a
 * fenced role logs in unfenced and writes with the fenced role's privileges ({@code SET ROLE}, or inherited ones).
 * Such members must be fenced too. On PostgreSQL 16 and later a membership with neither {@code INHERIT} nor
 * {@code SET} (as the one a role's creator gets) gives no privileges and is not counted.
 */
public final class PgFenceCoverage {
    private static final String STEP = "fence coverage";

    private final JdbcConnections source;

    public PgFenceCoverage(JdbcConnections source) {
        this.source = source;
    }

    /**
     * @param unfencedMembers login roles that are (direct or indirect) members of a fenced role and not fenced
     *                        themselves, as {@code role (member of fenced)}: the fence must be refused
     * @param otherWriters    other roles with sessions on the source database that the fence leaves writable, as
     *                        {@code role (n sessions, m holding a transaction id)}: a warning, they may be writing
     */
    public record Coverage(List<String> unfencedMembers, List<String> otherWriters) {
    }

    /** Reads, changes nothing. The fencing login itself and the replication roles are never counted. */
    public Coverage check(List<String> fenced, List<String> replicationRoles, Duration timeout) {
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            String grants = ServerVersion.of(db) >= ServerVersion.PG16
                    ? "(m.inherit_option OR m.set_option)" : "true";
            List<String> members = db.list("finding the login roles that are members of the fenced roles", """
                    WITH RECURSIVE member_of(member, fenced) AS (
                        SELECT m.member, r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                         WHERE r.rolname = ANY(?::text[]) AND %s
                        UNION
                        SELECT m.member, member_of.fenced FROM pg_auth_members m
                          JOIN member_of ON m.roleid = member_of.member WHERE %s)
                    SELECT r.rolname || ' (member of ' || string_agg(DISTINCT member_of.fenced, ', ') || ')' AS s
                      FROM member_of JOIN pg_roles r ON r.oid = member_of.member
                     WHERE r.rolcanlogin AND r.rolname <> ALL(?::text[]) AND r.rolname <> ALL(?::text[])
                       AND r.rolname <> session_user
                     GROUP BY r.rolname ORDER BY r.rolname""".formatted(grants, grants),
                    rs -> rs.getString("s"), fenced, fenced, replicationRoles);
            List<String> others = db.list("finding the other roles connected to the source", """
                    SELECT usename || ' (' || count(*) || ' session(s), ' || count(backend_xid)
                           || ' holding a transaction id)' AS s
                      FROM pg_stat_activity
                     WHERE backend_type = 'client backend' AND datname = current_database()
                       AND pid <> pg_backend_pid() AND usename <> session_user
                       AND usename <> ALL(?::text[]) AND usename <> ALL(?::text[])
                     GROUP BY usename ORDER BY usename""", rs -> rs.getString("s"), fenced, replicationRoles);
            return new Coverage(members, others);
        }
    }
}
