package io.cutover.core.config;

import io.cutover.core.json.WireName;

/**
 * Time bucket for row counts of big tables. The wire name is PostgreSQL's {@code date_trunc} unit. An hour keeps the
 * rows counted inside the write window to those of the last hour or two on a table written all day (issue 20).
 */
public enum Bucket implements WireName {
    HOUR("hour"),
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
