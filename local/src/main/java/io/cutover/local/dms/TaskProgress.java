package io.cutover.local.dms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the task has read from the source and applied to the target, in source commit order: the queue between
 * the slot reader and the applier, and the figures the status table and the metrics are made of.
 */
final class TaskProgress {
    /** One source transaction as read from the slot. */
    record SourceTransaction(long xid, String commitLsn, Instant committedAt, Instant readAt,
                             List<TestDecoding.Change> changes) {
    }

    /**
     * @param readPosition      LSN of the last commit read (awsdms_status SOURCE_CURRENT_POSITION)
     * @param lastReadCommit    its commit time (SOURCE_CURRENT_TIMESTAMP)
     * @param tailPosition      LSN of the oldest transaction read and not yet applied, else the read position
     * @param tailCommit        its commit time
     * @param lastAppliedCommit commit time of the newest transaction applied (SOURCE_TIMESTAMP_APPLIED)
     * @param pendingChanges    changes read and not yet applied (PENDING_CHANGES, CDCIncomingChanges)
     */
    record Snapshot(String readPosition, Instant lastReadCommit, String tailPosition, Instant tailCommit,
                    Instant lastAppliedCommit, long pendingChanges) {
    }

    private final Deque<SourceTransaction> unapplied = new ArrayDeque<>();
    private String readPosition;
    private Instant lastReadCommit;
    private String appliedPosition;
    private Instant lastAppliedCommit;
    private long pendingChanges;

    synchronized void read(SourceTransaction txn) {
        unapplied.addLast(txn);
        readPosition = txn.commitLsn();
        lastReadCommit = txn.committedAt();
        pendingChanges += txn.changes().size();
        notifyAll();
    }

    /** The unapplied transactions, oldest first, up to the first not yet {@code delay} old. */
    synchronized List<SourceTransaction> ready(Instant now, Duration delay, int max) {
        return unapplied.stream().limit(max).takeWhile(t -> !t.readAt().plus(delay).isAfter(now)).toList();
    }

    synchronized void applied(List<SourceTransaction> group) {
        for (SourceTransaction txn : group) {
            if (unapplied.peekFirst() != txn) {
                throw new IllegalStateException("transactions applied out of source commit order");
            }
            unapplied.removeFirst();
            pendingChanges -= txn.changes().size();
            appliedPosition = txn.commitLsn();
            if (txn.committedAt() != null) {
                lastAppliedCommit = txn.committedAt();
            }
        }
    }

    /**
     * A restart after a stop: the transactions read and not applied are dropped, since the slot (which confirmed
     * only what was applied) sends them again.
     */
    synchronized void forgetUnapplied() {
        unapplied.clear();
        pendingChanges = 0;
        readPosition = appliedPosition;
    }

    /** True when the transaction committed at {@code commitLsn} was applied already (read again after a resume). */
    synchronized boolean appliedAlready(String commitLsn) {
        return appliedPosition != null && org.postgresql.replication.LogSequenceNumber.valueOf(commitLsn)
                .compareTo(org.postgresql.replication.LogSequenceNumber.valueOf(appliedPosition)) <= 0;
    }

    /** Where the slot may confirm up to: the last applied commit, or the read position when nothing waits. */
    synchronized String confirmable() {
        return unapplied.isEmpty() ? readPosition : appliedPosition;
    }

    synchronized Snapshot snapshot() {
        SourceTransaction tail = unapplied.peekFirst();
        return new Snapshot(readPosition, lastReadCommit, tail == null ? readPosition : tail.commitLsn(),
                tail == null ? lastReadCommit : tail.committedAt(), lastAppliedCommit, pendingChanges);
    }

    /**
     * CDCLatencySource: the gap between the last event read from the source and now. CDCLatencyTarget: from the
     * source commit of the oldest change waiting for the target to now, so it includes the source latency; with
     * nothing waiting it equals the source latency (DMS User Guide, "Replication task metrics").
     *
     * @param startedAt the task's start, the reference before anything was read
     */
    synchronized double[] latencies(Instant now, Instant startedAt) {
        Instant lastRead = lastReadCommit == null ? startedAt : lastReadCommit;
        double source = Math.max(0, Duration.between(lastRead, now).toMillis() / 1000.0);
        SourceTransaction tail = unapplied.peekFirst();
        double target = tail == null || tail.committedAt() == null ? source
                : Math.max(source, Duration.between(tail.committedAt(), now).toMillis() / 1000.0);
        return new double[] {source, target, pendingChanges};
    }
}
