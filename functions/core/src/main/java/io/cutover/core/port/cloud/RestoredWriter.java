package io.cutover.core.port.cloud;

/**
 * The writer instance of a restored cluster, as CreateDBInstance accepted it or as it already was.
 *
 * @param status         the instance's status ({@code creating} at first)
 * @param alreadyExisted the instance already existed (a repeated step); nothing was created
 */
public record RestoredWriter(String clusterId, String instanceId, String instanceClass, String status,
                             boolean alreadyExisted) {
}
