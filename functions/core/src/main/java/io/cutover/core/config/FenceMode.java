package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** How application roles are fenced on the source. */
public enum FenceMode implements WireName {
    READ_ONLY("read_only"),
    NOLOGIN("nologin");

    private final String wireName;

    FenceMode(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
