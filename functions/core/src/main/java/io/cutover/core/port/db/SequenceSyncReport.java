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
 */
public record SequenceSyncReport(
        List<String> schemas,
        long buffer,
        boolean dryRun,
        List<SequenceSyncResult> sequences,
        List<String> missingOnTarget,
        List<String> problems,
        int advanced,
        long durationMillis) {
    public SequenceSyncReport {
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
        missingOnTarget = missingOnTarget == null ? List.of() : List.copyOf(missingOnTarget);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
