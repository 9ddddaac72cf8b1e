package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** Time bucket for row counts of big tables. The wire name is PostgreSQL's {@code date_trunc} unit. */
public enum Bucket implements WireName {
    DAY("day"),
    MONTH("month"),
    YEAR("year");

    private final String wireName;

    Bucket(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
