package io.cutover.core.readiness;

import java.time.Instant;
import java.util.Objects;

/**
 * One replication-lag observation for one replication source (a DMS task ARN or a native slot name).
 *
 * @param sourceId        the DMS task ARN or the logical replication slot name
 * @param at              when the value was measured (the metric timestamp, not when we read it); for a CloudWatch
 *                        datapoint the start of its period, as GetMetricData labels datapoints
 * @param latencySeconds  end-to-end apply latency (DMS: CDCLatencyTarget, which is measured from the source commit
 *                        and so already includes CDCLatencySource)
 * @param lagBytes        WAL bytes not yet confirmed by the target; null where the source has no such figure (DMS)
 * @param periodSeconds   how long the value covers from {@code at} on: a datapoint's period (60 for DMS task
 *                        metrics); 0 for an instantaneous reading (native slots)
 */
public record LagSample(String sourceId, Instant at, double latencySeconds, Long lagBytes, long periodSeconds) {
    public LagSample {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(at, "at");
        if (latencySeconds < 0 || Double.isNaN(latencySeconds)) {
            throw new IllegalArgumentException("latencySeconds must be >= 0, was " + latencySeconds);
        }
        if (lagBytes != null && lagBytes < 0) {
            throw new IllegalArgumentException("lagBytes must be >= 0, was " + lagBytes);
        }
        if (periodSeconds < 0) {
            throw new IllegalArgumentException("periodSeconds must be >= 0, was " + periodSeconds);
        }
    }

    /** An instantaneous reading. */
    public LagSample(String sourceId, Instant at, double latencySeconds, Long lagBytes) {
        this(sourceId, at, latencySeconds, lagBytes, 0);
    }

    /** The last moment the value speaks for: the end of its period ({@code at} for an instantaneous reading). */
    public Instant observedUntil() {
        return at.plusSeconds(periodSeconds);
    }
}
