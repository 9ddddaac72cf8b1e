package io.cutover.core.port.db;

import java.util.Objects;

/**
 * Where one replication stream stood at the drain's last poll.
 *
 * @param sourceId        slot name (native) or DMS task resource id
 * @param caughtUp        it applied everything up to the fence
 * @param position        native: {@code confirmed_flush_lsn}; DMS: {@code source_timestamp_applied} (ISO-8601)
 * @param behindBytes     native: bytes between {@code position} and the fence LSN (0 when caught up)
 * @param behindMillis    DMS: time between {@code position} and the fence time (0 when caught up)
 * @param incomingChanges DMS: {@code CDCIncomingChanges} from the optional supplier; null when not supplied
 * @param note            why it is not caught up, or how it was judged caught up
 */
public record DrainProgress(
        String sourceId,
        boolean caughtUp,
        String position,
        Long behindBytes,
        Long behindMillis,
        Long incomingChanges,
        String note) {
    public DrainProgress {
        Objects.requireNonNull(sourceId, "sourceId");
    }
}
