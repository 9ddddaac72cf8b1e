package io.cutover.core.port.cloud;

import java.util.List;
import java.util.Objects;

/**
 * DescribeTableStatistics of one DMS task, summarised for the readiness gate.
 *
 * @param erroredTables           {@code schema.table} of every table whose {@code TableState} is {@code Table error}
 * @param validationFailedRecords sum of {@code ValidationFailedRecords} and {@code ValidationSuspendedRecords}
 * @param tablesSeen              how many tables DMS reported
 */
public record TableStatistics(String taskArn, List<String> erroredTables, long validationFailedRecords, int tablesSeen) {
    public TableStatistics {
        Objects.requireNonNull(taskArn, "taskArn");
        erroredTables = List.copyOf(Objects.requireNonNull(erroredTables, "erroredTables"));
    }

    public int tablesInErrorState() {
        return erroredTables.size();
    }
}
