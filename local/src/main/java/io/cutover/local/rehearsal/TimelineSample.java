package io.cutover.local.rehearsal;

import io.cutover.core.port.cloud.Weights;
import java.util.Map;

/**
 * The run at one moment: phase, weights per record group, replication lag and the application's rates.
 *
 * @param at               epoch milliseconds
 * @param lagBytes         bytes the slot had not confirmed; null when it could not be read
 * @param writesPerSecond  acknowledged writes per second since the previous sample
 * @param readsPerSecond   reads served per second since the previous sample
 * @param errors           failed attempts (reads and writes) since the previous sample
 * @param totalErrors      failed attempts since the load started
 */
public record TimelineSample(long at, String phase, Map<String, Weights> weights, Long lagBytes,
                             double writesPerSecond, double readsPerSecond, long errors, long totalErrors) {
    public TimelineSample {
        weights = Map.copyOf(weights);
    }
}
