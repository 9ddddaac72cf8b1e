package io.cutover.core.config;

/**
 * Health ladder for native logical replication: healthy below 1 KB and 1 s, warning below 10 MB and
 * 30 s, critical above 100 MB or 60 s or a slot inactive for over 60 s. Between warning and critical
 * the slot is degraded.
 */
public record NativeLadder(
        long healthyBytes,
        double healthySeconds,
        long warningBytes,
        double warningSeconds,
        long criticalBytes,
        double criticalSeconds,
        int slotInactiveSeconds) {

    public static NativeLadder defaults() {
        return new NativeLadder(1024, 1, 10L * 1024 * 1024, 30, 100L * 1024 * 1024, 60, 60);
    }
}
