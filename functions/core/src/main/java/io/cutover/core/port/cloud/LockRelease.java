package io.cutover.core.port.cloud;

/** The outcome of releasing a migration lock. */
public sealed interface LockRelease {

    record Released(LockHolder holder) implements LockRelease {
    }

    /** There was no lock: releasing is a no-op. */
    record NotHeld(String migrationId) implements LockRelease {
    }

    /** The lock belongs to someone else and stays in place. */
    record Refused(String migrationId, String requestedBy, LockHolder holder) implements LockRelease {
        public String reason() {
            return "migration " + migrationId + " is locked by " + holder.owner() + " since " + holder.acquiredAt()
                    + "; " + requestedBy + " may not release it";
        }
    }
}
