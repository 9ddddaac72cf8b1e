package io.cutover.core.config;

/** Texts shared by every place that must refuse Backtrack on Aurora PostgreSQL, so they never drift. */
public final class RollbackMessages {
    public static final String BACKTRACK_ON_POSTGRESQL =
            "Aurora Backtrack exists only for Aurora MySQL; this target is Aurora PostgreSQL, whose recovery is a "
                    + "point-in-time restore to a new cluster (strategy \"pitr\") or a clone";

    private RollbackMessages() {
    }
}
