package io.cutover.core.port.cloud;

import java.time.Instant;

/** A Backtrack RDS accepted; the cluster rewinds in place. */
public record BacktrackResult(String clusterId, Instant backtrackTo, String backtrackIdentifier, String status) {
}
