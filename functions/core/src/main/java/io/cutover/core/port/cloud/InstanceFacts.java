package io.cutover.core.port.cloud;

import java.util.Objects;

/**
 * What DescribeDBInstances says about a DB instance, as far as a restore needs it.
 *
 * @param clusterId          the cluster the instance belongs to; null for one outside any cluster
 * @param status             {@code DBInstanceStatus}, e.g. {@code creating}, {@code available}
 * @param publiclyAccessible whether it has a public address
 */
public record InstanceFacts(String instanceId, String clusterId, String status, boolean publiclyAccessible) {
    public InstanceFacts {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(status, "status");
    }
}
