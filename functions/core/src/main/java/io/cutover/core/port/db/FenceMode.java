package io.cutover.core.port.db;

import java.util.Locale;

/** How the source's application roles are stopped from writing. */
public enum FenceMode {
    /**
     * {@code ALTER ROLE … SET default_transaction_read_only = on}: new sessions start read-only, so reads
     * keep working. A client that explicitly asks for a read-write transaction can still write.
     */
    READ_ONLY,
    /** {@code ALTER ROLE … NOLOGIN}: no new sessions at all. Stronger, but reads stop too. */
    NOLOGIN;

    /** Accepts the config spellings {@code read_only}, {@code read-only}, {@code READ_ONLY}, {@code nologin}. */
    public static FenceMode parse(String value) {
        return valueOf(value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    }
}
