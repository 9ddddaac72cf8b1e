package io.cutover.core.port.db;

import java.util.List;

/**
 * Whose fed columns a sequence sync reads: every sequence's ({@link #ALL}), or, after a pre-sync of this execution,
 * only {@code recheck}, the columns that then held values past the source's sequence (explicit values, a
 * bulk load). The others already stand past their columns' largest values plus the buffer on the target (the pre-sync
 * set them, and a sequence sync never moves one back). The pre-sync's schemas, fed column count and digest of the
 * source's sequences let the sync skip the catalog's feeds query while the sequences are still the same.
 */
public record FedColumnReads(boolean all, List<String> schemas, List<FedColumn> recheck, int fedColumns,
                             String sequencesDigest) {
    public static final FedColumnReads ALL = new FedColumnReads(true, List.of(), List.of(), 0, null);

    public FedColumnReads {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        recheck = recheck == null ? List.of() : List.copyOf(recheck);
        // Without the pre-sync's digest nothing tells whether its fed columns still hold: read them all.
        if (sequencesDigest == null) {
            all = true;
        }
    }

    /** After {@code presync}: its schemas, the columns it found past their sequence, its fed column count and digest. */
    public static FedColumnReads after(SequenceSyncReport presync) {
        return new FedColumnReads(false, presync.schemas(), presync.fedAheadColumns(), presync.fedColumns(),
                presync.sequencesDigest());
    }
}
