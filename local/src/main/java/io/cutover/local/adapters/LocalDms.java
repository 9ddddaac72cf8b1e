package io.cutover.local.adapters;

import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.DmsReadinessProbe;
import io.cutover.core.port.cloud.ReplicationTaskControl;
import io.cutover.core.port.cloud.TableStatistics;
import io.cutover.core.readiness.DmsTaskFacts;
import io.cutover.core.readiness.LagSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DMS and its CloudWatch metrics as the user describes them in a local state file: each task's status,
 * latency and counters. A poll yields one sample a minute over the asked window, as GetMetricData would.
 */
public final class LocalDms implements DmsReadinessProbe, ReplicationTaskControl {
    /** What one task looks like. */
    public record TaskScript(String status, double latencySeconds, int tablesErrored, long incomingChanges,
                             List<String> tablesInError, long validationFailedRecords) {
        public static TaskScript healthy() {
            return new TaskScript("running", 1, 0, 0, List.of(), 0);
        }
    }

    private final Map<String, TaskScript> tasks = new LinkedHashMap<>();
    private final EffectLog effects;
    private final Clock clock;

    public LocalDms(EffectLog effects, Clock clock) {
        this.effects = effects;
        this.clock = clock;
    }

    public synchronized LocalDms script(String taskArn, TaskScript script) {
        tasks.put(taskArn, script);
        return this;
    }

    @Override
    public synchronized DmsPoll poll(List<String> taskArns, Duration window) {
        Instant now = clock.instant();
        List<DmsTaskFacts> facts = new ArrayList<>();
        List<LagSample> samples = new ArrayList<>();
        for (String arn : taskArns) {
            TaskScript script = tasks.get(arn);
            if (script == null) {
                facts.add(DmsTaskFacts.polled(arn, DmsPoll.MISSING, 0, null));
                continue;
            }
            facts.add(DmsTaskFacts.polled(arn, script.status(), script.tablesErrored(), script.incomingChanges()));
            for (long age = 0; age <= window.toSeconds(); age += 60) {
                samples.add(new LagSample(arn, now.minusSeconds(age), script.latencySeconds(), null));
            }
        }
        Collections.reverse(samples);
        return new DmsPoll(facts, samples, now);
    }

    @Override
    public synchronized TableStatistics tableStatistics(String taskArn) {
        TaskScript script = tasks.getOrDefault(taskArn, TaskScript.healthy());
        // A script counts mismatched rows without naming their tables.
        return new TableStatistics(taskArn, script.tablesInError(), script.validationFailedRecords(), 0, 1,
                List.of());
    }

    @Override
    public synchronized String stop(String taskArn) {
        TaskScript script = tasks.get(taskArn);
        if (script != null) {
            tasks.put(taskArn, new TaskScript("stopped", script.latencySeconds(), script.tablesErrored(), 0,
                    script.tablesInError(), script.validationFailedRecords()));
        }
        effects.record("dms:StopReplicationTask", taskArn, Map.of());
        return taskArn;
    }

    @Override
    public synchronized String status(String taskArn) {
        TaskScript script = tasks.get(taskArn);
        return script == null ? DmsPoll.MISSING : script.status();
    }

    @Override
    public synchronized String startCdc(String taskArn, String cdcStartPosition) {
        effects.record("dms:StartReplicationTask", taskArn, Map.of("StartReplicationTaskType", "start-replication",
                "CdcStartPosition", cdcStartPosition));
        return running(taskArn);
    }

    @Override
    public synchronized String resume(String taskArn) {
        effects.record("dms:StartReplicationTask", taskArn, Map.of("StartReplicationTaskType", "resume-processing"));
        return running(taskArn);
    }

    private String running(String taskArn) {
        TaskScript script = tasks.getOrDefault(taskArn, TaskScript.healthy());
        tasks.put(taskArn, new TaskScript("running", script.latencySeconds(), script.tablesErrored(),
                script.incomingChanges(), script.tablesInError(), script.validationFailedRecords()));
        return "running";
    }
}
