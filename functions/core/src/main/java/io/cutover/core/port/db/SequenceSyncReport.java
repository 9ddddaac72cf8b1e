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
 * @param fedColumnsRead   fed columns whose largest value was read on the target
 * @param fedColumnsSkipped fed columns not read: a pre-sync of this execution read them before the fence
 * @param fedAheadOfSource sequences whose fed columns (of those read) hold values past the source's sequence
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
        List<String> fedAheadOfSource) {
    public SequenceSyncReport {
        fedAheadOfSource = fedAheadOfSource == null ? List.of() : List.copyOf(fedAheadOfSource);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
        missingOnTarget = missingOnTarget == null ? List.of() : List.copyOf(missingOnTarget);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
