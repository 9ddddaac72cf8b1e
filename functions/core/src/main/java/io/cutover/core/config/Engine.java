package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** The Aurora engine of the target cluster; decides which recovery exists. */
public enum Engine implements WireName {
    AURORA_POSTGRESQL("aurora-postgresql", 5432),
    AURORA_MYSQL("aurora-mysql", 3306);

    private final String wireName;
    private final int defaultPort;

    Engine(String wireName, int defaultPort) {
        this.wireName = wireName;
        this.defaultPort = defaultPort;
    }

    /** The port a cluster of this engine listens on unless told otherwise. */
    public int defaultPort() {
        return defaultPort;
    }

    @Override
    public String wireName() {
        return wireName;
    }
}
