package io.cutover.core.port.db;

/**
 * The reverse replication cannot be set up safely (no table to replicate back, a subscription owner the fence
 * would make read-only, a slot that exists with another plugin): nothing after the refusal was changed.
 */
public class ReverseReplicationRefusedException extends DatabaseStepException {
    public ReverseReplicationRefusedException(String message) {
        super("reverse replication", message);
    }
}
