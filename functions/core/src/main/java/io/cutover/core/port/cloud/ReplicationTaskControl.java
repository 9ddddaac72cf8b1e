package io.cutover.core.port.cloud;

/**
 * Stops and starts DMS tasks: the forward tasks once the target has taken over the writes, the reverse task
 * (target → source) of the fall-back window (issue 18).
 *
 * <p>Task states as DescribeReplicationTasks reports them, lowercase: {@code ready} (created, never run),
 * {@code starting}, {@code running}, {@code stopping}, {@code stopped}, {@code failed}, {@code modifying}, ...
 */
public interface ReplicationTaskControl {
    String STOPPED = "stopped";

    /**
     * Asks DMS to stop the task. Stopping a task that is already stopped or stopping is not an error.
     *
     * @return the task status DMS reports after the request (for example {@code stopping} or {@code stopped})
     */
    String stop(String taskArn);

    /** The task's status now ({@link DmsPoll#MISSING} when DMS does not know the task). */
    String status(String taskArn);

    /**
     * StartReplicationTask with {@code StartReplicationTaskType} {@code start-replication} from a native CDC start
     * point: a CDC-only task starts reading at {@code cdcStartPosition} (for a PostgreSQL source, an LSN of the
     * logical slot its endpoint names). Refused by DMS (InvalidResourceStateFault) unless the task is stopped, failed
     * or ready; a task already starting or running from an earlier call is not an error.
     *
     * @return the task status DMS reports after the request (usually {@code starting})
     */
    String startCdc(String taskArn, String cdcStartPosition);

    /**
     * StartReplicationTask with {@code resume-processing}: a stopped task goes on from where it stopped. A task
     * already starting or running is not an error.
     */
    String resume(String taskArn);
}
