package io.cutover.core.port.db;

import java.util.List;
import java.util.Objects;

/**
 * What unfencing did to one role.
 *
 * @param role               the role
 * @param statements         the statements run to restore it (empty when it already matched)
 * @param restored           the role now matches its recorded previous settings
 * @param sessionsTerminated sessions terminated so that they reconnect with the restored settings
 * @param detail             what went wrong, null when nothing
 */
public record RoleUnfenceOutcome(
        String role, List<String> statements, boolean restored, long sessionsTerminated, String detail) {
    public RoleUnfenceOutcome {
        Objects.requireNonNull(role, "role");
        statements = statements == null ? List.of() : List.copyOf(statements);
    }
}
