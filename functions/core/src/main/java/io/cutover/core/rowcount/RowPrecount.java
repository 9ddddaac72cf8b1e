package io.cutover.core.rowcount;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What PrecountRows found before the fence, kept in the cutover store for VerifyRowCounts after the drain.
 *
 * @param executionName    the execution that took it: another execution's precount is never used
 * @param startedAt        when the precount began (the settle margin runs back from here)
 * @param checksums        whether the settled rows were checksummed too
 * @param sourceStatsEpoch when the source's statistics began (server start, database stats reset): a change means
 *                         its counters no longer continue the precount's
 * @param targetStatsEpoch the same on the target
 * @param tables           one per bucketed row-count table, in config order
 */
public record RowPrecount(String executionName, Instant startedAt, long settleMarginSeconds, boolean checksums,
                          String sourceStatsEpoch, String targetStatsEpoch, List<TablePrecount> tables) {
    public RowPrecount {
        Objects.requireNonNull(executionName, "executionName");
        Objects.requireNonNull(startedAt, "startedAt");
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
