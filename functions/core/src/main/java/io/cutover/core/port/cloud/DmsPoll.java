package io.cutover.core.port.cloud;

import io.cutover.core.readiness.DmsTaskFacts;
import io.cutover.core.readiness.LagSample;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One readiness poll of the configured DMS tasks.
 *
 * @param tasks    one entry per configured task ARN, in configured order; a task DMS did not return has the
 *                 status {@link #MISSING}
 * @param samples  lag samples, one per task and metric timestamp at which both CDCLatencySource and
 *                 CDCLatencyTarget have a value, oldest first per task
 * @param polledAt when the poll ran
 */
public record DmsPoll(List<DmsTaskFacts> tasks, List<LagSample> samples, Instant polledAt) {
    public static final String MISSING = "missing";

    public DmsPoll {
        tasks = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
        samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
        Objects.requireNonNull(polledAt, "polledAt");
    }
}
