package io.cutover.core.port.db;

import java.util.Objects;

/**
 * One stored {@code session_replication_role} setting that applies to the target database.
 *
 * @param scope    {@code DATABASE} ({@code ALTER DATABASE … SET}), {@code ROLE} ({@code ALTER ROLE … SET}, every database)
 *                 or {@code ROLE_IN_DATABASE} ({@code ALTER ROLE … IN DATABASE … SET})
 * @param role     the role; null for {@code DATABASE}
 * @param database the database; null for {@code ROLE}
 * @param value    {@code origin}, {@code replica} or {@code local}
 * @param reset    this run reset it
 */
public record ReplicationRoleSetting(String scope, String role, String database, String value, boolean reset) {
    public ReplicationRoleSetting {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(value, "value");
    }

    public boolean hasOriginValue() {
        return "origin".equals(value);
    }
}
