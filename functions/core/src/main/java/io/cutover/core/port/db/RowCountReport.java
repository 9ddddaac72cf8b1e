package io.cutover.core.port.db;

import java.util.List;

/**
 * Source versus target row counts.
 *
 * @param allMatch       every table compared and matched
 * @param tables         per table, in request order
 * @param mismatches     tables that differ or could not be compared
 * @param durationMillis how long the counting took
 */
public record RowCountReport(boolean allMatch, List<TableRowCount> tables, List<String> mismatches, long durationMillis) {
    public RowCountReport {
        tables = tables == null ? List.of() : List.copyOf(tables);
        mismatches = mismatches == null ? List.of() : List.copyOf(mismatches);
    }
}
