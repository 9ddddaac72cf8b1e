package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** What a rollback does beyond moving the weights back to the source. */
public enum RollbackStrategy implements WireName {
    DNS("dns"),
    BACKTRACK("backtrack"),
    PITR("pitr");

    private final String wireName;

    RollbackStrategy(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
