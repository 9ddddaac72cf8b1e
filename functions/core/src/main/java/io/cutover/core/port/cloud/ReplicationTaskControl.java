package io.cutover.core.port.cloud;

/** Stops a DMS task once the target has taken over the writes. */
public interface ReplicationTaskControl {

    /**
     * Asks DMS to stop the task. Stopping a task that is already stopped or stopping is not an error.
     *
     * @return the task status DMS reports after the request (for example {@code stopping} or {@code stopped})
     */
    String stop(String taskArn);
}
