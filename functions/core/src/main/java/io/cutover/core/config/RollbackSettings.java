package io.cutover.core.config;

/** @param restoredClusterIdentifier the new cluster a point-in-time restore creates */
public record RollbackSettings(RollbackStrategy strategy, String restoredClusterIdentifier) {
}
