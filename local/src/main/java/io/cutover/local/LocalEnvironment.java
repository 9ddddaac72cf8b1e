package io.cutover.local;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.DmsReadinessProbe;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.port.cloud.WorkflowStart;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.app.DatabaseSideFactory;
import io.cutover.local.adapters.EffectLog;
import io.cutover.local.adapters.LocalAlarms;
import io.cutover.local.adapters.LocalClusters;
import io.cutover.local.adapters.LocalDms;
import io.cutover.local.adapters.LocalKeyValueStore;
import io.cutover.local.adapters.LocalMigrationLock;
import io.cutover.local.adapters.LocalWeightedRecords;
import io.cutover.local.adapters.LocalWorkflowStarter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** Every AWS port replaced by a local adapter that records its effects; the databases are whatever the factory opens. */
public final class LocalEnvironment {
    public final EffectLog effects;
    public final LocalWeightedRecords records;
    public final LocalKeyValueStore store;
    public final LocalMigrationLock lock;
    public final LocalDms dms;
    public final LocalAlarms alarms;
    public final LocalClusters clusters;
    public final LocalWorkflowStarter workflows;
    public final CloudPorts ports;

    public LocalEnvironment(CutoverConfig config, String configJson, LocalState state, Clock clock,
                            DatabaseSideFactory databases, Consumer<WorkflowStart> workflowRunner) {
        this(config, configJson, state, clock, new EffectLog(clock), databases, workflowRunner);
    }

    /**
     * @param effects the log every adapter records into; given, so the database factory can record into the same
     *                log (see {@link RecordingDatabaseSides}) before this environment exists
     */
    public LocalEnvironment(CutoverConfig config, String configJson, LocalState state, Clock clock, EffectLog effects,
                            DatabaseSideFactory databases, Consumer<WorkflowStart> workflowRunner) {
        this(config, configJson, state, clock, effects, databases, workflowRunner, null, null);
    }

    /**
     * @param dmsProbe   the DMS port the handlers read; null for the scripted {@link LocalDms} (the rehearsal
     *                   passes the production adapter pointed at its DMS stand-in)
     * @param dmsControl the port that stops DMS tasks; null for the scripted {@link LocalDms}
     */
    public LocalEnvironment(CutoverConfig config, String configJson, LocalState state, Clock clock, EffectLog effects,
                            DatabaseSideFactory databases, Consumer<WorkflowStart> workflowRunner,
                            DmsReadinessProbe dmsProbe, ReplicationTaskControl dmsControl) {
        this.effects = effects;
        this.records = new LocalWeightedRecords(effects, clock).seed(config, state.weights());
        this.store = new LocalKeyValueStore(effects);
        store.seed(config.migrationId(), "config", configJson);
        state.documents().forEach((name, value) -> store.seed(config.migrationId(), name, Json.write(value)));
        this.lock = new LocalMigrationLock(effects, clock);
        if (state.lock() != null) {
            lock.seed(config.migrationId(), state.lock());
        }
        this.dms = new LocalDms(effects, clock);
        if (config.replication().kind() == ReplicationKind.DMS) {
            for (String arn : config.replication().dmsTaskArns()) {
                dms.script(arn, state.dms().getOrDefault(arn, LocalDms.TaskScript.healthy()));
            }
            String reverse = config.replication().reverseDmsTaskArn();
            if (reverse != null) {
                // Provisioned stopped by the CDK app: DMS calls a created task that never ran "ready".
                dms.script(reverse, state.dms().getOrDefault(reverse, new LocalDms.TaskScript("ready", 0, 0, 0,
                        java.util.List.of(), 0)));
            }
        }
        this.alarms = new LocalAlarms();
        state.alarms().forEach(alarms::set);
        this.clusters = new LocalClusters(effects, clock, config.target().engine().wireName());
        if (state.clusterStatus() != null) {
            clusters.status(state.clusterStatus());
        }
        this.workflows = new LocalWorkflowStarter(effects, clock, workflowRunner);
        this.ports = new CloudPorts(records, store, lock, dmsProbe == null ? dms : dmsProbe,
                dmsControl == null ? dms : dmsControl, alarms, clusters, workflows, databases, clock);
    }

    public static Clock clockFor(LocalState state) {
        return state.now() == null ? Clock.systemUTC() : Clock.fixed(state.now(), ZoneOffset.UTC);
    }
}
