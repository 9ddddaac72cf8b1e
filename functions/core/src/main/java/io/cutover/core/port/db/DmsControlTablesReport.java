package io.cutover.core.port.db;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the DMS control tables on the target say. A missing table is a fact, not a crash:
 * {@code statusTablePresent = false} means DMS was not told to create {@code awsdms_status}
 * (task setting {@code StatusTableEnabled}) or writes it to another schema.
 *
 * @param controlSchema               schema the tables were looked up in
 * @param statusTablePresent          {@code awsdms_status} exists
 * @param exceptionsTablePresent      {@code awsdms_apply_exceptions} exists
 * @param tasks                       rows of {@code awsdms_status} (all tasks, or the requested ones)
 * @param applyExceptionCount         rows of {@code awsdms_apply_exceptions} (all tasks, or the requested ones)
 * @param applyExceptionCountByTask   the same count per task name
 * @param newestApplyExceptions       the newest rows, newest first
 * @param readAt                      target server time of the read (ISO-8601)
 */
public record DmsControlTablesReport(
        String controlSchema,
        boolean statusTablePresent,
        boolean exceptionsTablePresent,
        List<DmsTaskControlStatus> tasks,
        long applyExceptionCount,
        Map<String, Long> applyExceptionCountByTask,
        List<DmsApplyException> newestApplyExceptions,
        String readAt) {
    public DmsControlTablesReport {
        Objects.requireNonNull(controlSchema, "controlSchema");
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        applyExceptionCountByTask = applyExceptionCountByTask == null ? Map.of() : Map.copyOf(applyExceptionCountByTask);
        newestApplyExceptions = newestApplyExceptions == null ? List.of() : List.copyOf(newestApplyExceptions);
    }
}
