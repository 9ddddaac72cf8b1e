package io.cutover.core.port.db;

import java.util.List;
import java.util.Objects;

/**
 * The result of waiting for the target to apply everything up to the fence.
 *
 * @param kind         {@code native} or {@code dms}
 * @param drained      every stream caught up before the deadline
 * @param fencePoint   the fence LSN (native) or fence time (DMS) waited for
 * @param drainMillis  from the start of the wait until drained (or until the deadline)
 * @param polls        how many times the target was read
 * @param streams      each stream as of the last poll
 * @param detail       when not drained: which stream is behind, by how much
 */
public record DrainReport(
        String kind,
        boolean drained,
        String fencePoint,
        long drainMillis,
        int polls,
        List<DrainProgress> streams,
        String detail) {
    public DrainReport {
        Objects.requireNonNull(kind, "kind");
        streams = streams == null ? List.of() : List.copyOf(streams);
    }
}
