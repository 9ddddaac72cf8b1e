package io.cutover.core.port.db;

import java.util.List;
import java.util.Objects;

/**
 * What a role looked like before the fence touched it, so that unfencing restores exactly that.
 * Stored by the workflow (Parameter Store, as JSON) between fence and unfence.
 *
 * @param role                       the role name, exactly as in {@code pg_roles.rolname}
 * @param canLogin                   {@code rolcanlogin}
 * @param readOnlySettings           every {@code default_transaction_read_only} entry of the role (role-wide and per database)
 * @param alreadyFencedWhenRecorded  when first recorded the role already looked fenced (read-only default or no login):
 *                                   either it was like that on purpose, or an earlier fence's record was lost;
 *                                   unfencing restores what was recorded, i.e. leaves it fenced
 */
public record RolePreviousSettings(
        String role, boolean canLogin, List<RoleDatabaseSetting> readOnlySettings, boolean alreadyFencedWhenRecorded) {
    public RolePreviousSettings {
        Objects.requireNonNull(role, "role");
        readOnlySettings = readOnlySettings == null ? List.of() : List.copyOf(readOnlySettings);
    }
}
