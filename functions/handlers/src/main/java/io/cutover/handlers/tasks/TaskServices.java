package io.cutover.handlers.tasks;

import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.ReadinessService;
import io.cutover.handlers.app.RecordGroups;
import io.cutover.handlers.app.RollbackService;

/** The services the tasks share, built once per function from its ports. */
record TaskServices(CloudPorts ports, ReadinessService readiness, RollbackService rollbacks, RecordGroups records) {
    static TaskServices of(CloudPorts ports) {
        return new TaskServices(ports, new ReadinessService(ports), new RollbackService(ports),
                new RecordGroups(ports.records()));
    }
}
