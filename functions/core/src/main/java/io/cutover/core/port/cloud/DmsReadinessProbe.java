package io.cutover.core.port.cloud;

import java.time.Duration;
import java.util.List;

/** Reads the state and lag of the DMS tasks that keep the target in sync. */
public interface DmsReadinessProbe {

    /**
     * One poll of all tasks: their API status and task statistics, and their CDC latency datapoints whose period
     * ended within the last {@code window} (the maximum sample age plus the ingestion allowance). Built to cost a
     * constant number of calls however many tasks there are.
     */
    DmsPoll poll(List<String> taskArns, Duration window);

    /** Table-level statistics of one task; costlier than a poll, read at gate time only. */
    TableStatistics tableStatistics(String taskArn);
}
