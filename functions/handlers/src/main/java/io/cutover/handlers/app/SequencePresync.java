package io.cutover.handlers.app;

import java.time.Instant;
import java.util.List;

/**
 * PresyncSequences' record in the cutover store: this execution synced every sequence, fed columns included, before
 * the fence, so SyncSequences, inside the write window, reads again only the fed columns of {@code recheck} (or all,
 * when {@code recheckAll}: the list did not fit a document).
 *
 * @param executionName the execution that pre-synced; another execution's record stands for nothing
 * @param at            when the pre-sync read the target's fed columns
 * @param recheck       sequences whose fed columns held values past the source's sequence at the pre-sync
 */
public record SequencePresync(String executionName, Instant at, boolean recheckAll, List<String> recheck) {
    public SequencePresync {
        recheck = recheck == null ? List.of() : List.copyOf(recheck);
    }

    /** What the sync inside the write window reads. */
    public FedColumnReads reads() {
        return recheckAll ? FedColumnReads.ALL : FedColumnReads.only(java.util.Set.copyOf(recheck));
    }
}
