package io.cutover.core.port.cloud;

import java.time.Instant;
import java.util.Objects;

/** Who holds a migration lock: the workflow execution name, and since when. */
public record LockHolder(String owner, Instant acquiredAt) {
    public LockHolder {
        RecordTarget.requireText(owner, "owner");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
    }
}
