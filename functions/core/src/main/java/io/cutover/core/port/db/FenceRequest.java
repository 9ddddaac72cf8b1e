package io.cutover.core.port.db;

import io.cutover.core.config.FenceMode;

import java.util.List;
import java.util.Objects;

/**
 * Which roles to fence on the source, and how.
 *
 * @param roles          application roles to fence (all of them, not just one)
 * @param mode           read-only default or no login
 * @param protectedRoles roles that must never be fenced besides the ones detected automatically
 *                       (roles with REPLICATION, roles streaming a replication slot, the fencing login itself):
 *                       e.g. the DMS source user or the subscription's connection user
 * @param emitWalMarker  after the fence, write a transactional logical message ({@code pg_logical_emit_message})
 *                       with synchronous commit, so the fence LSN is durable and covers every commit acknowledged
 *                       before it even under {@code synchronous_commit = off}; off = plain {@code pg_current_wal_lsn()}.
 *                       pgoutput (native subscriptions) skips such messages; turn it off if another consumer of the
 *                       source's slots (e.g. DMS with {@code test_decoding}) should not see it. Without the privilege
 *                       to call it the fence falls back to the plain LSN and says so in its warnings
 */
public record FenceRequest(List<String> roles, FenceMode mode, List<String> protectedRoles, boolean emitWalMarker) {
    public FenceRequest {
        Objects.requireNonNull(mode, "mode");
        roles = roles == null ? List.of() : List.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a fence needs at least one role");
        }
        if (roles.stream().anyMatch(r -> r == null || r.isBlank())) {
            throw new IllegalArgumentException("role names must not be blank: " + roles);
        }
        protectedRoles = protectedRoles == null ? List.of() : List.copyOf(protectedRoles);
    }

    public static FenceRequest of(List<String> roles, FenceMode mode, List<String> protectedRoles) {
        return new FenceRequest(roles, mode, protectedRoles, true);
    }
}
