package io.cutover.core.config;

import io.cutover.core.json.WireName;

/** How the source's application roles are stopped from writing. */
public enum FenceMode implements WireName {
    /**
     * {@code ALTER ROLE … SET default_transaction_read_only = on}: new sessions start read-only, so reads
     * keep working. A client that explicitly asks for a read-write transaction can still write.
     */
    READ_ONLY("read_only"),
    /** {@code ALTER ROLE … NOLOGIN}: no new sessions at all. Stronger, but reads stop too. */
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
