package io.cutover.core.port.db;

/**
 * One row of {@code awsdms_apply_exceptions}: a change DMS could not apply to the target.
 *
 * @param taskName   the task's resource id
 * @param tableOwner schema of the table
 * @param tableName  the table
 * @param errorTime  when it failed (ISO-8601, UTC)
 * @param statement  the statement DMS ran (truncated to 2000 characters)
 * @param error      the error DMS got (truncated to 2000 characters)
 */
public record DmsApplyException(
        String taskName, String tableOwner, String tableName, String errorTime, String statement, String error) {
}
