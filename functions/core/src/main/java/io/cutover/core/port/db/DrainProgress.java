package io.cutover.core.port.db;

import java.util.Objects;

/**
 * Where one replication stream stood at the drain's last poll.
 *
 * @param sourceId    slot name (native) or the DMS drain marker ({@code marker NONCE})
 * @param caughtUp    it applied everything up to the fence (DMS: the marker row is on the target)
 * @param position    native: {@code confirmed_flush_lsn}; DMS: the marker's commit time on the source (ISO-8601)
 * @param behindBytes native: bytes between {@code position} and the fence LSN (0 when caught up); null for DMS,
 *                    whose proof is the marker row, not a distance
 * @param note        why it is not caught up, or how it was judged caught up
 */
public record DrainProgress(
        String sourceId,
        boolean caughtUp,
        String position,
        Long behindBytes,
        String note) {
    public DrainProgress {
        Objects.requireNonNull(sourceId, "sourceId");
    }
}
