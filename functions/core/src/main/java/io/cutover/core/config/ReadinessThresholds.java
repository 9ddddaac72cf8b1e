package io.cutover.core.config;

import java.time.Duration;

/**
 * @param pollSeconds                  time between readiness checks while waiting
 * @param deadlineSeconds              give up waiting for readiness after this long
 * @param maxReaderLatencySeconds      CDC latency allowed while shifting readers
 * @param maxWriterLatencySeconds      stricter CDC latency required before the writer switch
 * @param stabilitySamples             consecutive good samples required (a single good sample proves little)
 * @param maxSampleAgeSeconds          samples older than this are not evidence
 * @param dmsIngestionAllowanceSeconds DMS only: how much later than {@code maxSampleAgeSeconds} a CloudWatch datapoint
 *                                     may end and still count, because CloudWatch makes a datapoint visible only some
 *                                     time after its period ends; at most {@value #MAX_DMS_INGESTION_ALLOWANCE_SECONDS}
 * @param nativeLadder                 the native replication health ladder
 */
public record ReadinessThresholds(
        int pollSeconds,
        int deadlineSeconds,
        double maxReaderLatencySeconds,
        double maxWriterLatencySeconds,
        int stabilitySamples,
        int maxSampleAgeSeconds,
        int dmsIngestionAllowanceSeconds,
        NativeLadder nativeLadder) {
    /** Two one-minute periods: a datapoint that is this late is late, not lost. */
    public static final int DEFAULT_DMS_INGESTION_ALLOWANCE_SECONDS = 120;
    /** Beyond ten minutes a "late" datapoint says more about CloudWatch than about the task now: not evidence. */
    public static final int MAX_DMS_INGESTION_ALLOWANCE_SECONDS = 600;

    public ReadinessThresholds {
        if (dmsIngestionAllowanceSeconds < 0 || dmsIngestionAllowanceSeconds > MAX_DMS_INGESTION_ALLOWANCE_SECONDS) {
            throw new IllegalArgumentException("readiness.dmsIngestionAllowanceSeconds must be from 0 to "
                    + MAX_DMS_INGESTION_ALLOWANCE_SECONDS + ", was " + dmsIngestionAllowanceSeconds);
        }
    }

    /**
     * How old a sample of this replication kind may be, measured from the end of the period it covers: native slot
     * readings are taken by the poll itself, DMS datapoints reach CloudWatch late, so DMS gets the ingestion allowance
     * on top (see {@code ReadinessEvaluator}).
     */
    public Duration maxSampleAge(ReplicationKind kind) {
        return Duration.ofSeconds(maxSampleAgeSeconds + (kind == ReplicationKind.DMS ? dmsIngestionAllowanceSeconds : 0));
    }
}
