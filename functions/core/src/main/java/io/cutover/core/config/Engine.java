package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** The Aurora engine of the target cluster; decides which recovery exists. */
public enum Engine implements WireName {
    AURORA_POSTGRESQL("aurora-postgresql"),
    AURORA_MYSQL("aurora-mysql");

    private final String wireName;

    Engine(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
