package io.cutover.core.port.db;

/**
 * One {@code default_transaction_read_only} entry of a role in {@code pg_db_role_setting}.
 * The absence of an entry means "no setting" and is restored as {@code RESET}, not as {@code off}.
 *
 * @param database the database of {@code ALTER ROLE … IN DATABASE}; null = the role-wide entry (all databases)
 * @param value    the value as stored, e.g. {@code on} or {@code off}
 */
public record RoleDatabaseSetting(String database, String value) {
}
