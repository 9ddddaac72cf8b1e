package io.cutover.core.config;

/**
 * @param pollSeconds              time between readiness checks while waiting
 * @param deadlineSeconds          give up waiting for readiness after this long
 * @param maxReaderLatencySeconds  CDC latency allowed while shifting readers
 * @param maxWriterLatencySeconds  stricter CDC latency required before the writer switch
 * @param stabilitySamples         consecutive good samples required (a single good sample proves little)
 * @param maxSampleAgeSeconds      samples older than this are not evidence
 */
public record ReadinessThresholds(
        int pollSeconds,
        int deadlineSeconds,
        double maxReaderLatencySeconds,
        double maxWriterLatencySeconds,
        int stabilitySamples,
        int maxSampleAgeSeconds,
        NativeLadder nativeLadder) {
}
