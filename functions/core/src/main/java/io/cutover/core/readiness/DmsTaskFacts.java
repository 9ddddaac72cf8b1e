package io.cutover.core.readiness;

import java.util.Objects;

/**
 * What is known about one DMS task at evaluation time. A null field means "not measured in this
 * evaluation" (table statistics and control tables are read at gate time, not on every poll).
 *
 * @param taskArn                 the replication task ARN
 * @param apiStatus               {@code Status} from DescribeReplicationTasks, lowercase (e.g. {@code running})
 * @param tablesErrored           {@code ReplicationTaskStats.TablesErrored}
 * @param tablesInErrorState      tables whose DescribeTableStatistics {@code TableState} is {@code Table error}
 * @param validationFailedRecords sum of {@code ValidationFailedRecords}
 * @param validationSuspendedRecords sum of {@code ValidationSuspendedRecords}: shown as a warning, never a failure
 * @param applyExceptions         rows in {@code awsdms_apply_exceptions} on the target for this task
 * @param controlTableStatus      {@code awsdms_status.task_status} on the target, cross-checked against the API
 * @param incomingChanges         latest {@code CDCIncomingChanges}
 */
public record DmsTaskFacts(
        String taskArn,
        String apiStatus,
        Integer tablesErrored,
        Integer tablesInErrorState,
        Long validationFailedRecords,
        Long validationSuspendedRecords,
        Long applyExceptions,
        String controlTableStatus,
        Long incomingChanges) {
    public DmsTaskFacts {
        Objects.requireNonNull(taskArn, "taskArn");
    }

    /** Facts from one poll: the API status and task stats only. */
    public static DmsTaskFacts polled(String taskArn, String apiStatus, int tablesErrored, Long incomingChanges) {
        return new DmsTaskFacts(taskArn, apiStatus, tablesErrored, null, null, null, null, null, incomingChanges);
    }

    public DmsTaskFacts withGateFacts(int tablesInErrorState, long validationFailedRecords) {
        return withGateFacts(tablesInErrorState, validationFailedRecords, 0);
    }

    public DmsTaskFacts withGateFacts(int tablesInErrorState, long validationFailedRecords,
                                      long validationSuspendedRecords) {
        return new DmsTaskFacts(taskArn, apiStatus, tablesErrored, tablesInErrorState, validationFailedRecords,
                validationSuspendedRecords, applyExceptions, controlTableStatus, incomingChanges);
    }

    public DmsTaskFacts withControlTables(long applyExceptions, String controlTableStatus) {
        return new DmsTaskFacts(taskArn, apiStatus, tablesErrored, tablesInErrorState, validationFailedRecords,
                validationSuspendedRecords, applyExceptions, controlTableStatus, incomingChanges);
    }
}
