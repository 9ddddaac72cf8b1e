package io.cutover.core.port.cloud;

/**
 * One lock per migration, so two workflow executions never drive the same cutover. Acquiring is an atomic
 * create-if-absent; the owner is the workflow execution name.
 */
public interface MigrationLock {

    /** Takes the lock, or reports who holds it. Taking it again as the same owner succeeds. */
    LockAcquisition acquire(String migrationId, String owner);

    /** Releases the lock if {@code owner} holds it; an absent lock is a no-op, someone else's lock is refused. */
    LockRelease release(String migrationId, String owner);
}
