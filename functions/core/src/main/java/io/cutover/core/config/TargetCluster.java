package io.cutover.core.config;

public record TargetCluster(Engine engine, String clusterIdentifier) {
}
