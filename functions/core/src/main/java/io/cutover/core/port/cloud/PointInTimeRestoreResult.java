package io.cutover.core.port.cloud;

/**
 * A point-in-time restore RDS accepted (or found already requested). The new cluster has no instance yet.
 *
 * @param restoredTo            the requested time, or {@code latest-restorable-time}
 * @param clusterStatus         the new cluster's status as RDS reported it ({@code creating} at first)
 * @param clusterAlreadyExisted the new cluster id was already taken (a repeated step); nothing was restored again
 */
public record PointInTimeRestoreResult(String sourceClusterId, String newClusterId, String restoredTo,
                                       String clusterStatus, boolean clusterAlreadyExisted) {
}
