package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** How the target is kept in sync. */
public enum ReplicationKind implements WireName {
    DMS("dms"),
    NATIVE("native");

    private final String wireName;

    ReplicationKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
