package io.cutover.core.port.db;

import java.util.Objects;

/**
 * One row of DMS's {@code awsdms_status} control table on the target. DMS can fail a task while this row
 * still says {@code CHANGE PROCESSING}: cross-check the API before trusting {@code taskStatus}.
 *
 * @param taskName                the task's resource id (the last part of its ARN)
 * @param taskStatus              {@code FULL LOAD}, {@code CHANGE PROCESSING} or {@code NOT RUNNING}
 * @param statusTime              when DMS last wrote this row (ISO-8601, UTC); null if absent
 * @param pendingChanges          changes read from the source but not yet applied; null if the column is absent
 * @param sourceTimestampApplied  the source time the target has caught up to (ISO-8601, UTC); null if never applied
 * @param catchUpLagMillis        {@code statusTime - sourceTimestampApplied}; null when either is null
 */
public record DmsTaskControlStatus(
        String taskName,
        String taskStatus,
        String statusTime,
        Long pendingChanges,
        String sourceTimestampApplied,
        Long catchUpLagMillis) {
    public DmsTaskControlStatus {
        Objects.requireNonNull(taskName, "taskName");
    }
}
