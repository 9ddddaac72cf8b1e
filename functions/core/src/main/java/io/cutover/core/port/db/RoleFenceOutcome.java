package io.cutover.core.port.db;

import java.util.Objects;

/**
 * What the fence did to one role.
 *
 * @param role               the role
 * @param settingsApplied    the fence settings are committed for this role
 * @param sessionsTerminated sessions of this role the fence terminated
 * @param verified           settings read back as intended and no session older than the fence remains
 * @param detail             what is wrong or was unusual, null when nothing
 */
public record RoleFenceOutcome(
        String role, boolean settingsApplied, long sessionsTerminated, boolean verified, String detail) {
    public RoleFenceOutcome {
        Objects.requireNonNull(role, "role");
    }
}
