package io.cutover.core.port.db;

import java.util.List;

/**
 * The result of a cleanup, steps in the order they ran (or would have run).
 *
 * @param complete       every object is gone
 * @param steps          subscriptions, then slots, then publications
 * @param durationMillis how long it took
 */
public record CleanupReport(boolean complete, List<CleanupStep> steps, long durationMillis) {
    public CleanupReport {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
