package io.cutover.core.port.db;

/** What happened to one replication object during cleanup. */
public enum CleanupOutcome {
    DROPPED,
    /** it was not there: an earlier cleanup or a person removed it */
    ALREADY_ABSENT,
    /** the slot went away with its subscription ({@code DROP SUBSCRIPTION} drops the remote slot) */
    DROPPED_WITH_SUBSCRIPTION,
    FAILED,
    /** not attempted because an earlier step failed: the order matters */
    SKIPPED
}
