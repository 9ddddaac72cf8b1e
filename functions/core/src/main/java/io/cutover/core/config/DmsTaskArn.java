package io.cutover.core.config;

import java.util.regex.Pattern;

/** DMS replication task ARNs, as the config names tasks: {@code arn:PARTITION:dms:REGION:ACCOUNT:task:ID}. */
public final class DmsTaskArn {
    /** A task ARN, with the named groups of {@link DmsArn#pattern}. */
    public static final Pattern PATTERN = DmsArn.pattern("task");

    /** What {@link #PATTERN} accepts, for problem reports. */
    public static final String TEXT = "a DMS replication task ARN";

    private DmsTaskArn() {
    }

    /** The ARN of the task with this resource id; it ends with the id, so it is known before the task exists. */
    public static String of(String partition, String region, String account, String resourceId) {
        return "arn:" + partition + ":dms:" + region + ":" + account + ":task:" + resourceId;
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
