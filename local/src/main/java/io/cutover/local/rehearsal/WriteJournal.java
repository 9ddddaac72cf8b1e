package io.cutover.local.rehearsal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Every write the application attempted, kept client-side so the report can check where each one ended up. */
public final class WriteJournal {
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong acknowledgedByTarget = new AtomicLong();
    private final ConcurrentLinkedQueue<JournalEntry> finished = new ConcurrentLinkedQueue<>();

    /** A fresh client-side id for the next write; ids start at 1. */
    public long nextClientId() {
        return nextId.incrementAndGet();
    }

    public void record(JournalEntry entry) {
        finished.add(entry);
        if (entry.isAcknowledged()) {
            acknowledged.incrementAndGet();
            if (entry.side() == Side.TARGET) {
                acknowledgedByTarget.incrementAndGet();
            }
        }
    }

    public long attempted() {
        return nextId.get();
    }

    /** Writes the target acknowledged so far (all after the writer switch: before it the writer is the source). */
    public long acknowledgedByTargetSoFar() {
        return acknowledgedByTarget.get();
    }

    public long acknowledgedSoFar() {
        return acknowledged.get();
    }

    /** The entries recorded so far, by client id. */
    public List<JournalEntry> entries() {
        List<JournalEntry> all = new ArrayList<>(finished);
        all.sort(Comparator.comparingLong(JournalEntry::clientId));
        return all;
    }
}
