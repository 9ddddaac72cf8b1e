package io.cutover.core.port.db;

import java.util.List;

/**
 * The result of a sequence sync.
 *
 * @param schemas          the schemas synced
 * @param buffer           added to each source value (in steps of the sequence's increment direction)
 * @param dryRun           nothing was changed
 * @param sequences        every source sequence of those schemas
 * @param missingOnTarget  source sequences the target lacks ({@code schema.name})
 * @param problems         sequences that need a person: missing, out of range or unreadable
 * @param advanced         how many target sequences were (or would be) moved forward
 * @param durationMillis   how long it took
 * @param fedColumnsRead   fed columns whose largest value was read (on the source and on the target)
 * @param fedColumnsSkipped fed columns not read: a pre-sync of this execution read them before the fence
 * @param fedAheadOfSource sequences whose fed columns (of those read) hold values past the source's sequence
 * @param fedAheadColumns  the fed columns of those sequences (what a sync after a pre-sync reads again)
 * @param fedColumns       fed columns in all, read or not
 * @param sequencesDigest  SHA-256 of the source's sequences (name and owning column): a later sync that finds the same
 *                         digest may take the fed columns from this report instead of the catalog
 * @param feedsFromPresync the fed columns were taken from a pre-sync's report (the digest matched), not the catalog
 */
public record SequenceSyncReport(
        List<String> schemas,
        long buffer,
        boolean dryRun,
        List<SequenceSyncResult> sequences,
        List<String> missingOnTarget,
        List<String> problems,
        int advanced,
        long durationMillis,
        int fedColumnsRead,
        int fedColumnsSkipped,
        List<String> fedAheadOfSource,
        List<FedColumn> fedAheadColumns,
        int fedColumns,
        String sequencesDigest,
        boolean feedsFromPresync) {
    public SequenceSyncReport {
        fedAheadColumns = fedAheadColumns == null ? List.of() : List.copyOf(fedAheadColumns);
        fedAheadOfSource = fedAheadOfSource == null ? List.of() : List.copyOf(fedAheadOfSource);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
        missingOnTarget = missingOnTarget == null ? List.of() : List.copyOf(missingOnTarget);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
