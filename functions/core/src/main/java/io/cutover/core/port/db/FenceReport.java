package io.cutover.core.port.db;

import io.cutover.core.config.FenceMode;

import java.util.List;
import java.util.Objects;

/**
 * The result of a fence. Always returned, also when the fence stopped half-way: {@code previousSettings}
 * then still holds what is needed to unfence the roles that were touched, and {@code outcomes} says
 * role by role what was and was not done.
 *
 * @param mode             the fence mode
 * @param complete         every role fenced and verified and the fence LSN captured
 * @param previousSettings the roles' settings before the first fence (carried over from an earlier record when given)
 * @param outcomes         per role, in request order
 * @param fenceLsn         source WAL position after the fence: the drain target; null when not complete
 * @param fencedAt         source server time of {@code fenceLsn} (ISO-8601); null when not complete
 * @param durationMillis   how long the fence took
 * @param error            why it is not complete; null when complete
 * @param warnings         things an operator should know (e.g. a role already looked fenced)
 */
public record FenceReport(
        FenceMode mode,
        boolean complete,
        List<RolePreviousSettings> previousSettings,
        List<RoleFenceOutcome> outcomes,
        String fenceLsn,
        String fencedAt,
        long durationMillis,
        String error,
        List<String> warnings) {
    public FenceReport {
        Objects.requireNonNull(mode, "mode");
        previousSettings = previousSettings == null ? List.of() : List.copyOf(previousSettings);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Roles whose fence settings are committed (these need unfencing on rollback). */
    public List<String> rolesWithSettingsApplied() {
        return outcomes.stream().filter(RoleFenceOutcome::settingsApplied).map(RoleFenceOutcome::role).toList();
    }

    /** Roles the fence did not change. */
    public List<String> rolesNotFenced() {
        return outcomes.stream().filter(o -> !o.settingsApplied()).map(RoleFenceOutcome::role).toList();
    }
}
