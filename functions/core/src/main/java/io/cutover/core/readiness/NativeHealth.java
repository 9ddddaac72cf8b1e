package io.cutover.core.readiness;

import io.cutover.core.config.NativeLadder;

/** Where a native replication slot stands on the health ladder. */
public enum NativeHealth {
    HEALTHY, WARNING, DEGRADED, CRITICAL;

    public static NativeHealth of(NativeLadder ladder, long lagBytes, double lagSeconds, boolean active,
                                  long inactiveSeconds) {
        if (lagBytes > ladder.criticalBytes() || lagSeconds > ladder.criticalSeconds()
                || (!active && inactiveSeconds > ladder.slotInactiveSeconds())) {
            return CRITICAL;
        }
        if (active && lagBytes < ladder.healthyBytes() && lagSeconds < ladder.healthySeconds()) {
            return HEALTHY;
        }
        if (lagBytes < ladder.warningBytes() && lagSeconds < ladder.warningSeconds()) {
            return WARNING;
        }
        return DEGRADED;
    }

    /** Readers may move while replication is merely warm; the writer moves only on a healthy slot. */
    public boolean passes(Gate gate) {
        return gate == Gate.WRITER ? this == HEALTHY : this == HEALTHY || this == WARNING;
    }
}
