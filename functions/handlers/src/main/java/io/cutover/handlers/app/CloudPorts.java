package io.cutover.handlers.app;

import io.cutover.core.port.cloud.AlarmStates;
import io.cutover.core.port.cloud.ClusterRecovery;
import io.cutover.core.port.cloud.DmsReadinessProbe;
import io.cutover.core.port.cloud.KeyValueStore;
import io.cutover.core.port.cloud.MigrationLock;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.port.cloud.WeightedRecords;
import io.cutover.core.port.cloud.WorkflowStarter;
import java.time.Clock;
import java.util.Objects;

/** The cloud side every handler talks to: AWS adapters in Lambda, local adapters in the rehearsal. */
public record CloudPorts(
        WeightedRecords records,
        KeyValueStore store,
        MigrationLock lock,
        DmsReadinessProbe dms,
        ReplicationTaskControl dmsTasks,
        AlarmStates alarms,
        ClusterRecovery clusters,
        WorkflowStarter workflows,
        DatabaseSideFactory databases,
        Clock clock) {
    public CloudPorts {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(dms, "dms");
        Objects.requireNonNull(dmsTasks, "dmsTasks");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(workflows, "workflows");
        Objects.requireNonNull(databases, "databases");
        Objects.requireNonNull(clock, "clock");
    }
}
