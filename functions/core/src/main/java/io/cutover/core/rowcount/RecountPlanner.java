package io.cutover.core.rowcount;

import io.cutover.core.config.Bucket;
import io.cutover.core.config.RowCountSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rows the row-count check counts inside the write window (issue 20). Before the fence, PrecountRows counts on
 * both sides the settled part of each bucketed table (rows whose bucket column is before {@link #settledBefore}); after
 * the drain, VerifyRowCounts counts only the recent part and takes the settled counts from the precount, unless the
 * table's statistics show a change since the precount that its recent rows cannot account for, in which case the
 * whole table is counted again. A table without a bucket column is precounted whole: all its rows are settled, none
 * recent, so inside the window it is not counted at all unless its statistics show an insert or a delete (or a
 * restart, a storage change) since, and then it is counted whole.
 *
 * <p>Per side, a table is recounted in full when, since its precount:
 * <ul>
 *   <li>its statistics restarted (server restart or crash, {@code pg_stat_reset}), or any counter went down;</li>
 *   <li>its storage changed (TRUNCATE, which counts no deleted row; VACUUM FULL; CLUSTER; a partition attached or
 *       detached);</li>
 *   <li>any row was deleted (it may have been settled);</li>
 *   <li>the rows inserted differ from the growth of its recent part (an insert into a settled bucket, an update that
 *       moved a row across the cutoff, or aborted inserts, which the counters count too: a needless recount);</li>
 *   <li>with checksums, any row was updated (the update may have changed a settled row's text).</li>
 * </ul>
 * And once for both sides: the settled counts (or checksums) disagreed at the precount.
 *
 * <p>What this can miss, and its bound: without checksums, an UPDATE that moves a settled row's bucket column to
 * another settled bucket (or two updates across the cutoff that cancel out) between the precount and the fence,
 * together with replication failing to carry that update; and a change committed in the last seconds before the fence
 * whose statistics its backend had not reported yet when VerifyRowCounts read them (backends report at most about once
 * a second and, once idle, within 10 s; PostgreSQL docs, "The Cumulative Statistics System"), again only if
 * replication also mishandled it. The settled rows themselves were compared in full at the precount, so what is missed
 * is bounded by the updates in that window (the {@code updated} delta, reported) on rows older than the margin. For a
 * table counted whole the second case is the only one, and a change counted late there is only missed when the same
 * change also reached one side and not the other: an insert or delete the statistics had not reported on either side.
 */
public final class RecountPlanner {
    private RecountPlanner() {
    }

    /**
     * The cutoff of one bucket unit: the start of the bucket that contains {@code precountStart - margin}, in UTC.
     * Every bucket before it ends before {@code precountStart - margin}: settled. (A session in another time zone
     * buckets by its own midnights; the cutoff is still one instant on both sides, so rows split the same way.)
     */
    public static Instant settledBefore(Instant precountStart, Duration margin, Bucket unit) {
        Objects.requireNonNull(precountStart, "precountStart");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin must be >= 0, was " + margin);
        }
        Instant edge = precountStart.minus(margin);
        if (unit == Bucket.HOUR) {
            return edge.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        }
        LocalDate day = edge.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (unit) {
            case HOUR -> throw new IllegalStateException("handled above");
            case DAY -> day;
            case MONTH -> day.withDayOfMonth(1);
            case YEAR -> day.withDayOfYear(1);
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The specs the precount covers: every one. A bucketed table's settled part, and a table counted whole in full
     * (all its rows are its settled part and none is recent: any insert or delete since forces the recount).
     */
    public static List<RowCountSpec> precountable(List<RowCountSpec> specs) {
        return List.copyOf(specs);
    }

    /**
     * The precount of {@code spec}, if the precount can stand for it: taken by this execution, for the same column and
     * unit, with checksums when checksums are asked for now. Empty means: count the table as before, in full.
     */
    public static Optional<TablePrecount> usable(RowPrecount precount, String executionName, RowCountSpec spec,
                                                 boolean checksums) {
        if (precount == null || !precount.executionName().equals(executionName)
                || (checksums && !precount.checksums())) {
            return Optional.empty();
        }
        return precount.tables().stream()
                .filter(t -> t.table().equals(spec.table()) && Objects.equals(t.bucketColumn(), spec.bucketColumn())
                        && t.bucket() == spec.bucket())
                .findFirst();
    }

    /** Whether the table's settled part must be counted again; see the class comment for the rules. */
    public static RecountDecision decide(TablePrecount precount, String sourceEpochThen, String targetEpochThen,
                                         SideNow source, SideNow target, boolean checksums) {
        if (!precount.settledAgree()) {
            return RecountDecision.recount("settled rows differed at the precount (source "
                    + precount.source().settledRows() + ", target " + precount.target().settledRows()
                    + (checksums ? ", or their checksums" : "") + "), perhaps a change in flight then");
        }
        Optional<String> why = sideChange("source", precount.source(), sourceEpochThen, source, checksums)
                .or(() -> sideChange("target", precount.target(), targetEpochThen, target, checksums));
        return why.map(RecountDecision::recount).orElseGet(() -> RecountDecision.keepSettled(
                "no change to settled rows since the precount (source " + delta(precount.source(), source)
                        + "; target " + delta(precount.target(), target) + ")"));
    }

    private static Optional<String> sideChange(String side, SidePrecount then, String epochThen, SideNow now,
                                               boolean checksums) {
        TableActivity a = then.activity();
        TableActivity b = now.activity();
        if (!Objects.equals(epochThen, now.statsEpoch())) {
            return Optional.of(side + " statistics restarted since the precount (" + epochThen + " → "
                    + now.statsEpoch() + ")");
        }
        if (b.inserted() < a.inserted() || b.updated() < a.updated() || b.deleted() < a.deleted()) {
            return Optional.of(side + " statistics went back since the precount (reset)");
        }
        if (!a.storage().equals(b.storage())) {
            return Optional.of(side + " table storage changed since the precount (TRUNCATE, VACUUM FULL, CLUSTER or"
                    + " partitions changed)");
        }
        long deleted = b.deleted() - a.deleted();
        if (deleted > 0) {
            return Optional.of(side + ": " + deleted + " row(s) deleted since the precount");
        }
        long inserted = b.inserted() - a.inserted();
        long grown = now.recentRows() - then.recentRows();
        if (inserted != grown) {
            return Optional.of(side + ": " + inserted + " row(s) inserted since the precount but the recent buckets"
                    + " grew by " + grown + (then.recentRows() == 0 && now.recentRows() == 0
                    ? " (a table counted whole has none)" : ""));
        }
        long updated = b.updated() - a.updated();
        if (checksums && updated > 0) {
            return Optional.of(side + ": " + updated + " row(s) updated since the precount, and checksums are on");
        }
        return Optional.empty();
    }

    private static String delta(SidePrecount then, SideNow now) {
        return "+" + (now.activity().inserted() - then.activity().inserted()) + " inserted, "
                + (now.activity().updated() - then.activity().updated()) + " updated";
    }
}
