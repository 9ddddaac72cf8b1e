package io.cutover.handlers.app;

import io.cutover.core.port.db.FedColumn;
import io.cutover.core.port.db.FedColumnReads;
import java.time.Instant;
import java.util.List;

/**
 * PresyncSequences' record in the cutover store: this execution synced every sequence, fed columns included, before
 * the fence, so SyncSequences, inside the write window, reads again only the fed columns of {@code recheck} (or all,
 * when {@code recheckAll}: the list did not fit a document), and takes the schemas and fed columns from here instead
 * of the catalog while the source's sequences still digest to {@code sequencesDigest}.
 *
 * @param executionName   the execution that pre-synced; another execution's record stands for nothing
 * @param at              when the pre-sync read the target's fed columns
 * @param schemas         the schemas the pre-sync synced (the configured ones and those of every fed sequence)
 * @param recheck         fed columns that held values past the source's sequence at the pre-sync
 * @param fedColumns      how many fed columns there were
 * @param sequencesDigest the source's sequences (name, owning column) then, as the sync digests them; null in a
 *                        record of an earlier version, which counts as recheck all
 */
public record SequencePresync(String executionName, Instant at, boolean recheckAll, List<String> schemas,
                              List<FedColumn> recheck, int fedColumns, String sequencesDigest) {
    public SequencePresync {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        recheck = recheck == null ? List.of() : List.copyOf(recheck);
    }

    /** What the sync inside the write window reads. */
    public FedColumnReads reads() {
        return recheckAll || sequencesDigest == null ? FedColumnReads.ALL
                : new FedColumnReads(false, schemas, recheck, fedColumns, sequencesDigest);
    }
}
