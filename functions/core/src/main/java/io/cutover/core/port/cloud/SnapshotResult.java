package io.cutover.core.port.cloud;

/** A DB snapshot RDS accepted (or already had, when {@code alreadyExisted}). */
public record SnapshotResult(String dbInstanceId, String snapshotId, String status, boolean alreadyExisted) {
}
