package io.cutover.core.port.cloud;

/**
 * A point-in-time restore RDS accepted. The new cluster and its writer take minutes to become available.
 *
 * @param restoredTo           the requested time, or {@code latest-restorable-time}
 * @param clusterAlreadyExisted the new cluster id was already taken (a retried step); nothing was restored again
 * @param writerAlreadyExisted  the writer instance already existed
 */
public record PointInTimeRestoreResult(String sourceClusterId, String newClusterId, String restoredTo,
                                       String clusterStatus, String writerInstanceId, String writerInstanceClass,
                                       boolean clusterAlreadyExisted, boolean writerAlreadyExisted) {
}
