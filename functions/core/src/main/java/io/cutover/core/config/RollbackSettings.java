package io.cutover.core.config;

/**
 * How a rollback recovers the target.
 *
 * @param restoredClusterIdentifier the new cluster a point-in-time restore creates
 * @param restoreTimeoutSeconds     how long the workflow waits for the restored cluster and its writer to become
 *                                  available before it fails with RollbackFailed (the restore goes on in RDS)
 * @param restorePollSeconds        the wait between two looks at the restore's progress
 */
public record RollbackSettings(RollbackStrategy strategy, String restoredClusterIdentifier, int restoreTimeoutSeconds,
                               int restorePollSeconds) {
    /**
     * Eight hours. Aurora restores a cluster volume from its continuous backup; how long that takes grows with the
     * volume and the log to replay, and AWS gives no upper bound ("Restoring a DB cluster to a specified time",
     * Aurora User Guide; for large clusters tens of minutes to hours). A deadline too short gives up on a restore
     * that would have finished; this one is the rollback's own budget, not RDS's.
     */
    public static final int DEFAULT_RESTORE_TIMEOUT_SECONDS = 8 * 3600;
    public static final int DEFAULT_RESTORE_POLL_SECONDS = 120;
    /**
     * Each poll adds about ten events (Task, Choice, Wait) to the execution's history, which a Standard workflow
     * caps at 25,000 events (Step Functions Developer Guide, "Step Functions service quotas"): 1,000 polls leave room.
     */
    public static final int MAX_RESTORE_POLLS = 1000;

    /** The settings with the default restore deadline and poll. */
    public RollbackSettings(RollbackStrategy strategy, String restoredClusterIdentifier) {
        this(strategy, restoredClusterIdentifier, DEFAULT_RESTORE_TIMEOUT_SECONDS, DEFAULT_RESTORE_POLL_SECONDS);
    }
}
