package io.cutover.local.rehearsal;

import io.cutover.core.port.cloud.Weights;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples the run four times a second for the timeline, and rewrites the progress line every other sample.
 * Replication lag is read on one superuser connection to the source, reopened when it breaks.
 */
final class Sampler implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 250;

    private final RehearsalServers servers;
    private final Supplier<Map<String, Weights>> weights;
    private final PhaseTracker phases;
    private final WriteJournal journal;
    private final LoadCounters counters;
    private final PrintStream console;
    private final long startedAt;
    private final String writerGroup;
    private final String readerGroup;
    private final List<TimelineSample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Connection lagConnection;
    private boolean printedProgress;

    /** @param console where the progress line goes; null for none */
    Sampler(RehearsalServers servers, Supplier<Map<String, Weights>> weights, PhaseTracker phases,
            WriteJournal journal, LoadCounters counters, PrintStream console, long startedAt, String writerGroup,
            String readerGroup) {
        this.servers = servers;
        this.weights = weights;
        this.phases = phases;
        this.journal = journal;
        this.counters = counters;
        this.console = console;
        this.startedAt = startedAt;
        this.writerGroup = writerGroup;
        this.readerGroup = readerGroup;
        this.thread = Thread.ofPlatform().daemon().name("rehearsal-sampler").start(this::run);
    }

    private void run() {
        long writes = journal.acknowledgedSoFar();
        long reads = counters.readsServed();
        long errors = counters.errors();
        long last = System.currentTimeMillis();
        int tick = 0;
        while (running) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.currentTimeMillis();
            double seconds = Math.max(0.001, (now - last) / 1000.0);
            long w = journal.acknowledgedSoFar();
            long r = counters.readsServed();
            long e = counters.errors();
            TimelineSample sample = new TimelineSample(now, phases.current(), weights.get(), lag(),
                    (w - writes) / seconds, (r - reads) / seconds, e - errors, e);
            writes = w;
            reads = r;
            errors = e;
            last = now;
            synchronized (samples) {
                samples.add(sample);
            }
            if (console != null && tick++ % 2 == 0) {
                console.print("\r" + ProgressLine.format(sample, startedAt, writerGroup, readerGroup));
                console.flush();
                printedProgress = true;
            }
        }
    }

    private Long lag() {
        try {
            if (lagConnection == null) {
                lagConnection = servers.openAdmin(Side.SOURCE);
            }
            return RehearsalServers.lagBytes(lagConnection);
        } catch (SQLException e) {
            closeLagConnection();
            return null;
        }
    }

    private void closeLagConnection() {
        if (lagConnection != null) {
            try {
                lagConnection.close();
            } catch (SQLException ignored) {
                // broken already
            }
            lagConnection = null;
        }
    }

    List<TimelineSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeLagConnection();
        if (console != null && printedProgress) {
            console.println();
            console.flush();
        }
    }
}
