package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** Whether a record group carries writes (moves once, fenced) or reads (moves by steps). */
public enum RecordRole implements WireName {
    WRITER("writer"),
    READER("reader");

    private final String wireName;

    RecordRole(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
