package io.cutover.local.rehearsal;

import io.cutover.core.port.cloud.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the application load did, counted as it goes (read by the progress line and the report). */
public final class LoadCounters {
    /** Operations served (or connections opened) per side while a record's weights were at one value. */
    public record StepCount(Weights weights, long source, long target) {
    }

    private final AtomicLong readsServed = new AtomicLong();
    private final AtomicLong readErrors = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final Map<String, AtomicLong> errorsBySqlState = new ConcurrentHashMap<>();
    private final Map<Weights, long[]> readsByReaderWeights = new LinkedHashMap<>();
    private final Map<Weights, long[]> writesByWriterWeights = new LinkedHashMap<>();
    private final Map<Weights, long[]> readerConnections = new LinkedHashMap<>();
    private final Map<Weights, long[]> writerConnections = new LinkedHashMap<>();

    /** A new connection resolved through the writer or the reader record went to {@code side}. */
    void connectionOpened(boolean writerRecord, Weights weights, Side side) {
        count(writerRecord ? writerConnections : readerConnections, weights, side);
    }

    void readServed(Weights readerWeights, Side side) {
        readsServed.incrementAndGet();
        count(readsByReaderWeights, readerWeights, side);
    }

    void writeAcknowledged(Weights writerWeights, Side side) {
        count(writesByWriterWeights, writerWeights, side);
    }

    void readFailed(String sqlState) {
        readErrors.incrementAndGet();
        errorsBySqlState.computeIfAbsent("read " + sqlState, k -> new AtomicLong()).incrementAndGet();
    }

    void writeFailed(String sqlState) {
        writeErrors.incrementAndGet();
        errorsBySqlState.computeIfAbsent("write " + sqlState, k -> new AtomicLong()).incrementAndGet();
    }

    public long readsServed() {
        return readsServed.get();
    }

    public long writeErrors() {
        return writeErrors.get();
    }

    public long errors() {
        return readErrors.get() + writeErrors.get();
    }

    /** Failed attempts by "read|write SQLSTATE". */
    public Map<String, Long> errorsBySqlState() {
        Map<String, Long> result = new TreeMap<>();
        errorsBySqlState.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    /** Reads per side, grouped by the reader record's weights each connection was resolved with, in order seen. */
    public List<StepCount> readSteps() {
        return steps(readsByReaderWeights);
    }

    /** Acknowledged writes per side, grouped by the writer record's weights, in order seen. */
    public List<StepCount> writeSteps() {
        return steps(writesByWriterWeights);
    }

    /** Connections the reader record's resolutions sent to each side, per weight. */
    public List<StepCount> readerConnections() {
        return steps(readerConnections);
    }

    /** Connections the writer record's resolutions sent to each side, per weight. */
    public List<StepCount> writerConnections() {
        return steps(writerConnections);
    }

    private static void count(Map<Weights, long[]> counts, Weights weights, Side side) {
        synchronized (counts) {
            counts.computeIfAbsent(weights, w -> new long[2])[side.ordinal()]++;
        }
    }

    private static List<StepCount> steps(Map<Weights, long[]> counts) {
        synchronized (counts) {
            List<StepCount> steps = new ArrayList<>();
            counts.forEach((w, n) -> steps.add(new StepCount(w, n[0], n[1])));
            return steps;
        }
    }
}
