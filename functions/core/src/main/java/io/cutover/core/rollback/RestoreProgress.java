package io.cutover.core.rollback;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * How far a point-in-time restore has come, read from one RDS status (the restored cluster's, then its writer's),
 * and whether the wait for it is over. The statuses are RDS's own ("Viewing an Amazon Aurora DB cluster's status"
 * and "Viewing Amazon Aurora DB instance status", Aurora User Guide). Only {@code available} lets the next step
 * run: RDS refuses an instance in a cluster in any other state ({@code InvalidDBClusterStateFault}). A status that
 * can only end in a failed restore (encryption key unreachable, incompatible settings, the resource going away)
 * fails at once instead of waiting out the deadline; any other status, one RDS adds later included, is still
 * restoring and waits, bounded by the deadline.
 *
 * @param resource  what is looked at, e.g. {@code cluster orders-aurora-restored}
 * @param deadline  when the wait gives up
 */
public record RestoreProgress(String resource, String status, Stage stage, Instant at, Instant deadline) {
    public enum Stage { RESTORING, AVAILABLE, FAILED }

    static final Set<String> FAILED_STATUSES = Set.of("failed", "inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable", "incompatible-network", "incompatible-option-group",
            "incompatible-parameters", "incompatible-restore", "restore-error", "cloning-failed", "migration-failed",
            "deleting", "deleted", "stopping", "stopped", "storage-full", "insufficient-capacity");

    public RestoreProgress {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** Reads {@code status} of {@code resource} at {@code at}. */
    public static RestoreProgress of(String resource, String status, Instant at, Instant deadline) {
        String normalized = status == null ? "unknown" : status.trim().toLowerCase(java.util.Locale.ROOT);
        Stage stage = "available".equals(normalized) ? Stage.AVAILABLE
                : FAILED_STATUSES.contains(normalized) ? Stage.FAILED : Stage.RESTORING;
        return new RestoreProgress(resource, normalized, stage, at, deadline);
    }

    public boolean available() {
        return stage == Stage.AVAILABLE;
    }

    /** Still restoring after the deadline: the workflow stops waiting (the restore itself goes on in RDS). */
    public boolean deadlinePassed() {
        return stage == Stage.RESTORING && at.isAfter(deadline);
    }

    /** Throws when the restore can no longer succeed. */
    public RestoreProgress requireNotFailed() {
        if (stage == Stage.FAILED) {
            throw new RestoreFailedException(resource + " is " + status + ": the point-in-time restore cannot finish"
                    + " (see the RDS events of " + resource + "); traffic stays on the source");
        }
        return this;
    }

    /** One line for the workflow and the notification: what is still restoring, since when it may, and until when. */
    public String summary() {
        return switch (stage) {
            case AVAILABLE -> resource + " is available";
            case FAILED -> resource + " is " + status + ": the restore failed";
            case RESTORING -> resource + " is still " + status + " at " + at + (deadlinePassed()
                    ? ", past the restore deadline " + deadline + ": the workflow stopped waiting, the restore goes"
                    + " on in RDS; check it and add the writer by hand if it is missing"
                    : " (waiting until " + deadline + ")");
        };
    }
}
