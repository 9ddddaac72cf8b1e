package io.cutover.core.request;

import io.cutover.core.json.WireName;

/** The {@code action} of an invoke payload. */
public enum Action implements WireName {
    GRADUAL_CUTOVER("gradual_cutover", true),
    MANUAL_CUTOVER("manual_cutover", true),
    ROLLBACK("rollback", true),
    STATUS("status", false),
    BACKTRACK("backtrack", true),
    ADOPT_RECORDS("adopt_records", true),
    /** Closes the fall-back window: reverse replication stopped, replication objects cleaned up, COMPLETED. */
    FINALIZE("finalize", true);

    private final String wireName;
    private final boolean mutating;

    Action(String wireName, boolean mutating) {
        this.wireName = wireName;
        this.mutating = mutating;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean isMutating() {
        return mutating;
    }
}
