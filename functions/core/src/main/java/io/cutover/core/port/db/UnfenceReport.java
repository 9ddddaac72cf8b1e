package io.cutover.core.port.db;

import java.util.List;

/**
 * The result of an unfence.
 *
 * @param complete       every role restored
 * @param outcomes       per role
 * @param durationMillis how long it took
 * @param error          why it is not complete; null when complete
 */
public record UnfenceReport(boolean complete, List<RoleUnfenceOutcome> outcomes, long durationMillis, String error) {
    public UnfenceReport {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
