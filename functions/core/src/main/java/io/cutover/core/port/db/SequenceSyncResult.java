package io.cutover.core.port.db;

import java.util.Objects;

/**
 * One sequence, before and after.
 *
 * @param sequence        {@code schema.name} on the source
 * @param targetSequence  {@code schema.name} on the target (found by name, or by the column that owns it); null when missing
 * @param ownedBy         {@code schema.table.column} owning the sequence on the source; null for a free-standing sequence
 * @param identity        it backs an identity column
 * @param sourceLastValue last value the source handed out; null when it never handed out one
 * @param wanted          the value the target must be at least at ({@code sourceLastValue ± buffer})
 * @param targetBefore    the last value the target had handed out before; null when it never handed out one
 * @param targetAfter     the target's last value afterwards (as {@code setval(…, targetAfter, true)}); null when unchanged and never used
 * @param action          what was done
 * @param detail          why, when not obvious
 */
public record SequenceSyncResult(
        String sequence,
        String targetSequence,
        String ownedBy,
        boolean identity,
        Long sourceLastValue,
        Long wanted,
        Long targetBefore,
        Long targetAfter,
        SequenceAction action,
        String detail) {
    public SequenceSyncResult {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(action, "action");
    }
}
