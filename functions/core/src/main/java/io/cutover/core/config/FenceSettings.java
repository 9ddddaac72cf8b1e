package io.cutover.core.config;

import java.util.List;

/**
 * @param roles            every application role that can write to the source
 * @param mode             how they are fenced
 * @param replicationRoles roles that must keep working (DMS / subscription users); never fenced
 */
public record FenceSettings(List<String> roles, FenceMode mode, List<String> replicationRoles) {
}
