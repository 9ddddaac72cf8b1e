package io.cutover.core.port.db;

import java.util.List;

/**
 * {@code session_replication_role} on the target. With {@code replica}, triggers and foreign keys do not fire:
 * fine while DMS loads, wrong once applications write.
 *
 * @param database              the target database
 * @param sessionValue          the value a fresh session of the cutover login gets (after any reset)
 * @param sessionValueSource    {@code pg_settings.source} of that value: {@code configuration file} means the
 *                              server default (on RDS/Aurora: the parameter group), which SQL cannot change
 * @param settings              every stored setting that applies to this database (after any reset, with {@code reset} marked)
 * @param serverDefaultOrigin   the server-wide default is {@code origin}; null when it cannot be seen from this login
 * @param allOrigin             nothing stored and no server default sets anything but {@code origin}
 * @param statements            statements run by a reset (empty for a check)
 * @param detail                what still needs a person, e.g. a parameter group change; null when nothing
 */
public record SessionReplicationRoleReport(
        String database,
        String sessionValue,
        String sessionValueSource,
        List<ReplicationRoleSetting> settings,
        Boolean serverDefaultOrigin,
        boolean allOrigin,
        List<String> statements,
        String detail) {
    public SessionReplicationRoleReport {
        settings = settings == null ? List.of() : List.copyOf(settings);
        statements = statements == null ? List.of() : List.copyOf(statements);
    }
}
