package io.cutover.core.port.db;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** After the fence: waits until the target has applied everything the source committed before it. */
public interface ReplicationDrain {

    /**
     * Native logical replication: drained when every slot's {@code confirmed_flush_lsn} is at or past the fence LSN.
     *
     * @param fenceLsn     {@link FenceReport#fenceLsn()}
     * @param slotNames    the slots feeding the target (at least one)
     * @param timeout      give up after this (a read already under way may finish a few seconds later); the report
     *                     then says which slot is behind by how many bytes
     * @param pollInterval time between reads
     */
    DrainReport drainNative(String fenceLsn, List<String> slotNames, Duration timeout, Duration pollInterval);

    /**
     * DMS: drained when, for every task, {@code awsdms_status.source_timestamp_applied} is at or past the fence time,
     * or the task reports no pending change in a status row written after the fence (nothing was committed after the
     * last applied change, so the applied timestamp has nothing to advance to). When {@code incomingChanges} is given
     * (task resource id or ARN → latest {@code CDCIncomingChanges}), a task must also report 0 there.
     *
     * @param fencedAt        {@link FenceReport#fencedAt()}
     * @param taskNames       task resource ids or ARNs
     * @param controlSchema   the tasks' {@code ControlSchema}; null = {@code public}
     * @param incomingChanges optional cross-check; null = not used
     * @param timeout         give up after this (a read already under way may finish a few seconds later); the
     *                        report then says which task is behind by how long
     * @param pollInterval    time between reads
     */
    DrainReport drainDms(String fencedAt, List<String> taskNames, String controlSchema,
                         Supplier<Map<String, Long>> incomingChanges, Duration timeout, Duration pollInterval);
}
