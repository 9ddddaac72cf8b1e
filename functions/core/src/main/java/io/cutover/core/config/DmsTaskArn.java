package io.cutover.core.config;

/** DMS replication task ARNs, as the config names tasks. */
public final class DmsTaskArn {
    private DmsTaskArn() {
    }

    /**
     * The task's resource id: the part of the ARN after {@code :task:}. DMS writes it as {@code task_name} in its
     * control tables and publishes it as the {@code ReplicationTaskIdentifier} metric dimension. An id is returned as is.
     */
    public static String resourceId(String taskArnOrId) {
        int at = taskArnOrId.lastIndexOf(':');
        return at < 0 ? taskArnOrId : taskArnOrId.substring(at + 1);
    }
}
