package io.cutover.core.port.db;

import java.util.Objects;

/**
 * One cleanup step.
 *
 * @param side    {@code target} or {@code source}
 * @param kind    {@code subscription}, {@code slot} or {@code publication}
 * @param name    the object
 * @param outcome what happened
 * @param detail  the error, or how it was dropped; null when plain
 */
public record CleanupStep(String side, String kind, String name, CleanupOutcome outcome, String detail) {
    public CleanupStep {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
    }
}
