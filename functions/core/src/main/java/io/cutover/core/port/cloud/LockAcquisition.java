package io.cutover.core.port.cloud;

/** The outcome of trying to take a migration lock. */
public sealed interface LockAcquisition {

    /**
     * The caller holds the lock.
     *
     * @param alreadyHeld true when the caller held it before this call (a retried step); the holder then
     *                    carries the original acquisition time
     */
    record Acquired(LockHolder holder, boolean alreadyHeld) implements LockAcquisition {
    }

    /** Someone else holds the lock. */
    record Refused(String migrationId, String requestedBy, LockHolder holder) implements LockAcquisition {
        public String reason() {
            return "migration " + migrationId + " is locked by " + holder.owner() + " since " + holder.acquiredAt()
                    + "; " + requestedBy + " cannot take it";
        }
    }
}
