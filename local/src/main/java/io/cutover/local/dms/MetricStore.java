package io.cutover.local.dms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CloudWatch side of the stand-in: DMS measures each metric continuously and publishes one datapoint per
 * period; a datapoint becomes visible to GetMetricData only once its period has ended and the ingestion delay
 * has passed, so a reader always sees the last minute or two missing, as with CloudWatch.
 */
final class MetricStore {
    static final String LATENCY_SOURCE = "CDCLatencySource";
    static final String LATENCY_TARGET = "CDCLatencyTarget";
    static final String INCOMING_CHANGES = "CDCIncomingChanges";
    static final List<String> METRICS = List.of(LATENCY_SOURCE, LATENCY_TARGET, INCOMING_CHANGES);

    /** The statistics of one period. */
    record Period(double min, double max, double sum, long count) {
        Period with(double value) {
            return new Period(Math.min(min, value), Math.max(max, value), sum + value, count + 1);
        }

        /** @return the statistic GetMetricData asked for, or null for one CloudWatch does not have */
        Double statistic(String name) {
            return switch (name) {
                case "Maximum" -> max;
                case "Minimum" -> min;
                case "Sum" -> sum;
                case "Average" -> sum / count;
                case "SampleCount" -> (double) count;
                default -> null;
            };
        }
    }

    /** A visible datapoint. */
    record Datapoint(Instant at, double value) {
    }

    private final Duration period;
    private final Duration ingestionDelay;
    private final Map<String, TreeMap<Instant, Period>> series = new ConcurrentHashMap<>();

    MetricStore(Duration period, Duration ingestionDelay) {
        this.period = period;
        this.ingestionDelay = ingestionDelay;
        METRICS.forEach(m -> series.put(m, new TreeMap<>()));
    }

    Duration period() {
        return period;
    }

    /** One measurement of a metric, counted in the period it falls in. */
    void record(String metric, Instant at, double value) {
        TreeMap<Instant, Period> points = series.get(metric);
        synchronized (points) {
            points.merge(periodStart(at), new Period(value, value, value, 1), (old, fresh) -> old.with(value));
        }
    }

    /**
     * The datapoints of one metric in {@code [start, end)}, oldest first, that CloudWatch would show {@code now}.
     * Datapoints are labelled with their period's start, as GetMetricData labels them.
     */
    List<Datapoint> query(String metric, String statistic, Instant start, Instant end, Instant now) {
        TreeMap<Instant, Period> points = series.get(metric);
        List<Datapoint> out = new ArrayList<>();
        if (points == null) {
            return out;
        }
        synchronized (points) {
            for (Map.Entry<Instant, Period> e : points.subMap(start, true, end, false).entrySet()) {
                boolean visible = !e.getKey().plus(period).plus(ingestionDelay).isAfter(now);
                Double value = e.getValue().statistic(statistic);
                if (visible && value != null) {
                    out.add(new Datapoint(e.getKey(), value));
                }
            }
        }
        return out;
    }

    private Instant periodStart(Instant at) {
        long p = period.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), p) * p);
    }
}
