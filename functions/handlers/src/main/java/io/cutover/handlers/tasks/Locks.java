package io.cutover.handlers.tasks;

import io.cutover.core.port.cloud.LockRelease;
import io.cutover.handlers.errors.LockReleaseRefusedException;

/** Releasing the migration lock at the end of a run. */
final class Locks {
    private Locks() {
    }

    /** Releases the lock this execution holds; one held by another execution is refused. */
    static void release(TaskContext context) {
        LockRelease release = context.ports().lock().release(context.migrationId(), context.executionName());
        if (release instanceof LockRelease.Refused refused) {
            throw new LockReleaseRefusedException(refused.reason());
        }
    }
}
