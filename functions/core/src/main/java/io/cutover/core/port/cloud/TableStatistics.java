package io.cutover.core.port.cloud;

import java.util.List;
import java.util.Objects;

/**
 * DescribeTableStatistics of one DMS task, summarised for the readiness gate.
 *
 * @param erroredTables           {@code schema.table} of every table whose {@code TableState} is {@code Table error}
 * @param validationFailedRecords    sum of {@code ValidationFailedRecords}: rows that differ between the databases
 * @param validationSuspendedRecords sum of {@code ValidationSuspendedRecords}: rows DMS could not compare yet, routine
 *                                   on hot rows (DMS retries them); a warning, not a failure
 * @param tablesSeen              how many tables DMS reported
 * @param validationFailedTables  {@code schema.table} of every table with {@code ValidationFailedRecords} above 0
 */
public record TableStatistics(String taskArn, List<String> erroredTables, long validationFailedRecords,
                              long validationSuspendedRecords, int tablesSeen, List<String> validationFailedTables) {
    public TableStatistics {
        Objects.requireNonNull(taskArn, "taskArn");
        erroredTables = List.copyOf(Objects.requireNonNull(erroredTables, "erroredTables"));
        validationFailedTables = List.copyOf(Objects.requireNonNull(validationFailedTables,
                "validationFailedTables"));
    }

    public int tablesInErrorState() {
        return erroredTables.size();
    }
}
