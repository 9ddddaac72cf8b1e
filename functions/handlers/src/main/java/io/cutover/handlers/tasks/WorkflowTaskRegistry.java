package io.cutover.handlers.tasks;

import java.util.List;

/** Every workflow task, in workflow order: the one list of task names. */
final class WorkflowTaskRegistry {
    static final List<WorkflowTask<?, ?>> TASKS = List.of(new Preflight(), new CheckReadiness(),
            new RecordRollbackPoint(), new ShiftReaders(), new VerifyHealth(), new SnapshotSource(), new FenceSource(),
            new Drain(), new SyncSequences(), new ResetSessionReplicationRole(), new VerifyRowCounts(),
            new SwitchWriter(), new StopReplication(), new Watch(), new Complete(), new Rollback(), new Recover(),
            new FinishRollback(), new Abandon());

    private WorkflowTaskRegistry() {
    }
}
