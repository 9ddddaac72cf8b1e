package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.app.RecordGroups;
import io.cutover.local.LocalEnvironment;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import java.time.Duration;
import java.util.List;

/**
 * The reference design this project replaces, for comparison on the same load: the writer and the reader records
 * move together through the same weight steps with a bake between them, and nothing else happens: no readiness
 * gate, no fence, no drain, no sequence sync, no row counts; once every record points at the target, replication
 * is stopped (as a DMS task is stopped after a cutover), without a drain. Not the state machine: a plain loop over
 * the weights.
 */
final class NaiveWeightedCutover {
    private final LocalEnvironment env;
    private final RehearsalServers servers;
    private final CutoverConfig config;
    private final RehearsalOptions options;
    private final PhaseTracker phases;

    NaiveWeightedCutover(LocalEnvironment env, RehearsalServers servers, CutoverConfig config, RehearsalOptions options,
                         PhaseTracker phases) {
        this.env = env;
        this.servers = servers;
        this.config = config;
        this.options = options;
        this.phases = phases;
    }

    CutoverOutcome run() {
        Duration bake = Duration.ofMillis(Math.round(RehearsalConfig.BAKE_SECONDS * 1000 / options.speed()));
        Long writerFirstMoved = null;
        long replicationStoppedAt = 0;
        for (int percent : RehearsalConfig.READER_STEPS) {
            long now = System.currentTimeMillis();
            phases.enter("writer+readers " + percent + "%", now);
            for (RecordGroup group : config.recordGroups()) {
                env.records.apply(RecordGroups.ref(group), Weights.forTargetPercent(percent), Duration.ofSeconds(10));
            }
            if (writerFirstMoved == null) {
                writerFirstMoved = now;
            }
            if (percent == 100) {
                // Every record points at the target: the cutover is done, replication is stopped. There is no
                // drain, so whatever the source acknowledged and had not yet sent stays on the source.
                servers.execute(Side.SOURCE.other(), "ALTER SUBSCRIPTION " + EmbeddedReplicatedPair.SUBSCRIPTION
                        + " DISABLE");
                replicationStoppedAt = System.currentTimeMillis();
            }
            Rehearsal.pause(bake);
        }
        ObjectNode execution = Json.MAPPER.createObjectNode();
        execution.put("startedVia", "a plain loop over the weights " + RehearsalConfig.READER_STEPS
                + " applied to the writer and the reader record together (reference design, not the state machine)");
        execution.put("status", "SUCCEEDED");
        execution.put("replicationStopped", "subscription disabled (replication stopped, no drain) as the last step "
                + "put every record on the target, at " + java.time.Instant.ofEpochMilli(replicationStoppedAt));
        return new CutoverOutcome(CutoverOutcome.COMPLETED, writerFirstMoved, null, null, execution, null, null,
                List.of(), Json.MAPPER.createArrayNode());
    }
}
