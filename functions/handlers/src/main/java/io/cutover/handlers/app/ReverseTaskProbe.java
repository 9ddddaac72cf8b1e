package io.cutover.handlers.app;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.port.cloud.DmsReadinessProbe;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.port.cloud.TableStatistics;
import io.cutover.core.rollback.ReverseTaskHealth;
import io.cutover.handlers.app.RollbackService.FenceState;

/**
 * Reads what {@link ReverseTaskHealth} decides on, for the reverse DMS task of the fall-back window: its status
 * (DescribeReplicationTasks), its tables in 'Table error' or with rows its validation found to differ
 * (DescribeTableStatistics) and the changes it logged as not applied since the forward fence (awsdms_apply_exceptions
 * on the source, the reverse task's target).
 */
public final class ReverseTaskProbe {
    private ReverseTaskProbe() {
    }

    /** Only with a reverse DMS task configured. */
    public static ReverseTaskHealth read(CutoverConfig config, CutoverStore store, ReplicationTaskControl tasks,
                                         DmsReadinessProbe dms, DatabaseSide db) {
        String arn = config.replication().reverseDmsTaskArn();
        String status = tasks.status(arn);
        TableStatistics stats = dms.tableStatistics(arn);
        return new ReverseTaskHealth(arn, status, stats.erroredTables(),
                db.reverseNotAppliedTables(forwardFencedAt(store)), stats.validationFailedTables());
    }

    /** The reverse task started after the forward fence: every exception since it is of this fall-back window. */
    static String forwardFencedAt(CutoverStore store) {
        return store.document(CutoverStore.FENCE, FenceState.class).map(f -> f.record().fencedAt()).orElse(null);
    }
}
