package io.cutover.local.rehearsal;

import io.cutover.core.port.cloud.Weights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The report's safety and availability figures, computed from the client journal and what the databases hold. */
public final class ReportFigures {
    private ReportFigures() {
    }

    /** A longest stretch without an acknowledged write, epoch milliseconds. */
    public record Gap(long from, long to) {
        public long millis() {
            return to - from;
        }
    }

    /** One record group's weights changing at a moment (from the DNS effect log). */
    public record WeightChange(long at, String group, Weights weights) {
    }

    /**
     * Acknowledged writes whose client id is not on the final primary.
     *
     * @param onFinalPrimary client id to the number of rows carrying it on the final primary
     */
    public static List<Long> lost(List<JournalEntry> journal, Map<Long, Integer> onFinalPrimary) {
        return journal.stream().filter(JournalEntry::isAcknowledged).map(JournalEntry::clientId)
                .filter(id -> onFinalPrimary.getOrDefault(id, 0) == 0).toList();
    }

    /** Journaled client ids (acknowledged or not) present more than once on the final primary. */
    public static List<Long> duplicated(List<JournalEntry> journal, Map<Long, Integer> onFinalPrimary) {
        return journal.stream().map(JournalEntry::clientId).distinct()
                .filter(id -> onFinalPrimary.getOrDefault(id, 0) > 1).toList();
    }

    /**
     * Writes the side that did not end up primary acknowledged after the split point: for the fenced switch, an
     * attempt begun after the fence completed; for the naive design, after the writer record first moved.
     *
     * @param splitPoint epoch milliseconds, or null when there was none (the writer never left the source and the
     *                   source was never fenced): then every write the non-primary acknowledged counts
     */
    public static List<JournalEntry> splitBrain(List<JournalEntry> journal, Side finalPrimary, Long splitPoint) {
        Side other = finalPrimary.other();
        return journal.stream().filter(e -> e.side() == other)
                .filter(e -> splitPoint == null || e.attemptStartedAt() >= splitPoint).toList();
    }

    /**
     * Where the fence fell in the source's WAL, and where each source write committed ({@link CommitPositions}).
     *
     * @param fenceLsn       the fence task's {@code fenceLsn} (the drain's target), as a number
     * @param sourceCommits  client id to the WAL position of the (last) source commit carrying it
     */
    public record FencePosition(long fenceLsn, Map<Long, Long> sourceCommits) {
        public FencePosition {
            sourceCommits = Map.copyOf(sourceCommits);
        }
    }

    /**
     * Split-brain by commit position. A write the source acknowledged and committed past the fence position is
     * split-brain whenever its attempt began: the drain waited for the target to reach the fence position, not for
     * that commit. A write the source committed at or before it is covered by the drain, even if its attempt began
     * after the fence task had started. Writes of the target (the final primary being the source) keep the time rule
     * of {@link #splitBrain(List, Side, Long)}; so does a source write whose commit was not decoded.
     *
     * @param position null when the run has no fence position (no fence, the naive design): the time rule only
     */
    public static List<JournalEntry> splitBrain(List<JournalEntry> journal, Side finalPrimary, Long splitPoint,
                                                FencePosition position) {
        if (position == null) {
            return splitBrain(journal, finalPrimary, splitPoint);
        }
        Side other = finalPrimary.other();
        return journal.stream().filter(e -> e.side() == other).filter(e -> {
            Long commit = other == Side.SOURCE ? position.sourceCommits().get(e.clientId()) : null;
            return commit != null ? Long.compareUnsigned(commit, position.fenceLsn()) > 0
                    : splitPoint == null || e.attemptStartedAt() >= splitPoint;
        }).toList();
    }

    /**
     * Split-brain after a rollback that was the switch in reverse (issue 18): a write the non-final side committed
     * after the split point and that is absent from the final primary. The writes the target took while it was the
     * primary and that reverse replication carried back to the source are not split-brain: they are on the final
     * primary, once ({@link #carriedBack}).
     *
     * @param onFinalPrimary client id to the number of rows carrying it on the final primary
     */
    public static List<JournalEntry> splitBrainAfterReverseSwitch(List<JournalEntry> journal, Side finalPrimary,
                                                                  Long splitPoint, Map<Long, Integer> onFinalPrimary) {
        return splitBrainAfterReverseSwitch(journal, finalPrimary, splitPoint, null, onFinalPrimary);
    }

    /**
     * {@link #splitBrainAfterReverseSwitch(List, Side, Long, Map)} on the same footing as
     * {@link #splitBrain(List, Side, Long, FencePosition)}: the candidates are chosen by commit position where one is
     * known (source writes), by attempt time otherwise (the old target's writes: its fence position is not decoded).
     */
    public static List<JournalEntry> splitBrainAfterReverseSwitch(List<JournalEntry> journal, Side finalPrimary,
                                                                  Long splitPoint, FencePosition position,
                                                                  Map<Long, Integer> onFinalPrimary) {
        return splitBrain(journal, finalPrimary, splitPoint, position).stream()
                .filter(e -> onFinalPrimary.getOrDefault(e.clientId(), 0) == 0).toList();
    }

    /** Writes the non-final side acknowledged that are on the final primary: carried back by reverse replication. */
    public static List<JournalEntry> carriedBack(List<JournalEntry> journal, Side finalPrimary,
                                                 Map<Long, Integer> onFinalPrimary) {
        Side other = finalPrimary.other();
        return journal.stream().filter(e -> e.side() == other && e.isAcknowledged())
                .filter(e -> onFinalPrimary.getOrDefault(e.clientId(), 0) > 0).toList();
    }

    /**
     * When the writes last moved: the writer record's last weight change (the switch, or a rollback's move back),
     * else the split point (a rollback before the switch unfenced the source after the fence), else null (the writes
     * never moved).
     */
    public static Long lastWriterMove(List<WeightChange> changes, String writerGroup, Long splitPoint) {
        return changes.stream().filter(c -> c.group().equals(writerGroup)).mapToLong(WeightChange::at).boxed()
                .max(Long::compare).orElse(splitPoint);
    }

    /** Writes {@code side} acknowledged after {@code since} (epoch ms): proof that it took writes at the end. */
    public static long acknowledgedAfter(List<JournalEntry> journal, Side side, long since) {
        return journal.stream().filter(e -> e.side() == side && e.acknowledgedAt() > since).count();
    }

    /**
     * The longest stretch without an acknowledged write while the load ran: between two consecutive
     * acknowledgements, or from the load's start to the first one, or from the last one to the load's end.
     *
     * @param loadStart when the application started writing (epoch ms)
     * @param loadEnd   when it stopped
     */
    public static Gap longestWriteGap(List<JournalEntry> journal, long loadStart, long loadEnd) {
        long[] acks = journal.stream().filter(JournalEntry::isAcknowledged).mapToLong(JournalEntry::acknowledgedAt)
                .filter(at -> at >= loadStart && at <= loadEnd).sorted().toArray();
        Gap longest = new Gap(loadStart, acks.length == 0 ? loadEnd : acks[0]);
        for (int i = 1; i < acks.length; i++) {
            if (acks[i] - acks[i - 1] > longest.millis()) {
                longest = new Gap(acks[i - 1], acks[i]);
            }
        }
        if (acks.length > 0 && loadEnd - acks[acks.length - 1] > longest.millis()) {
            longest = new Gap(acks[acks.length - 1], loadEnd);
        }
        return longest;
    }

    /**
     * The first moment at or after {@code detectedAt} when every group is entirely on the source.
     *
     * @param initial weights of every group before the first change
     * @param changes every weight change, in any order
     * @return epoch milliseconds, or null if the weights never all came back
     */
    public static Long allOnSourceAt(long detectedAt, Map<String, Weights> initial, List<WeightChange> changes) {
        Map<String, Weights> current = new HashMap<>(initial);
        List<WeightChange> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparingLong(WeightChange::at));
        int i = 0;
        for (; i < ordered.size() && ordered.get(i).at() <= detectedAt; i++) {
            current.put(ordered.get(i).group(), ordered.get(i).weights());
        }
        if (allOnSource(current)) {
            return detectedAt;
        }
        for (; i < ordered.size(); i++) {
            current.put(ordered.get(i).group(), ordered.get(i).weights());
            if (allOnSource(current)) {
                return ordered.get(i).at();
            }
        }
        return null;
    }

    private static boolean allOnSource(Map<String, Weights> weights) {
        return weights.values().stream().allMatch(w -> w.target() == 0);
    }
}
