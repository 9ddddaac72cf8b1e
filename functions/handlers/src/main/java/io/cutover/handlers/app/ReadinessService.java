package io.cutover.handlers.app;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.TableStatistics;
import io.cutover.core.port.db.NativeReplicationFacts;
import io.cutover.core.readiness.CheckLine;
import io.cutover.core.readiness.DmsTaskFacts;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.LagSample;
import io.cutover.core.readiness.NativeSlotFacts;
import io.cutover.core.readiness.ReadinessEvaluator;
import io.cutover.core.readiness.ReadinessEvidence;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.handlers.errors.DmsControlTablesMissingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Observes replication, evaluates a verdict for a gate and keeps the result for the next poll. */
public final class ReadinessService {
    private final CloudPorts ports;

    public ReadinessService(CloudPorts ports) {
        this.ports = ports;
    }

    /**
     * @param gateTime also gather the facts read only at gate time (table statistics, control tables)
     * @param persist  keep samples and verdict for the next poll; false for dry runs and status, which change nothing
     */
    public ReadinessVerdict check(CutoverStore store, CutoverConfig config, Gate gate, boolean gateTime,
                                  boolean persist) {
        List<DmsTaskFacts> tasks = List.of();
        List<NativeSlotFacts> slots = List.of();
        List<LagSample> samples;
        List<LagSample> keptSamples = List.of();
        Map<String, String> taskStates = new LinkedHashMap<>();
        List<CheckLine> extraChecks = new ArrayList<>();
        if (config.replication().kind() == ReplicationKind.DMS) {
            DmsPoll poll = ports.dms().poll(config.replication().dmsTaskArns(),
                    config.readiness().maxSampleAge(ReplicationKind.DMS));
            tasks = gateTime ? withGateFacts(config, poll.tasks(), extraChecks) : poll.tasks();
            samples = poll.samples();
            poll.tasks().forEach(t -> taskStates.put(t.taskArn(), t.apiStatus()));
        } else {
            try (DatabaseSide db = ports.databases().open(config)) {
                slots = db.observeNative();
                Instant observedAt = ports.clock().instant();
                List<LagSample> observed = NativeReplicationFacts.lagSamples(observedAt, slots);
                // Only native samples are kept between polls; CloudWatch already holds the DMS history.
                List<LagSample> previous = store.document(CutoverStore.READINESS, ReadinessRecord.class)
                        .map(ReadinessRecord::samples).orElse(List.of());
                samples = recent(config, observedAt, previous, observed);
                keptSamples = samples;
            }
        }
        Map<String, AlarmState> alarms = alarmStates(config);
        // Evaluated as of after the observations, so the newest sample (this one, or a concurrent poll's) counts.
        Instant now = ports.clock().instant();
        ReadinessVerdict verdict = withChecks(new ReadinessEvaluator(config)
                .evaluate(gate, new ReadinessEvidence(now, samples, tasks, slots, alarms)), extraChecks);
        if (persist) {
            store.saveDocument(CutoverStore.READINESS, ReadinessRecord.of(keptSamples, verdict, taskStates));
        }
        return verdict;
    }

    private static ReadinessVerdict withChecks(ReadinessVerdict verdict, List<CheckLine> extra) {
        if (extra.isEmpty()) {
            return verdict;
        }
        List<CheckLine> checks = new ArrayList<>(verdict.checks());
        checks.addAll(extra);
        return new ReadinessVerdict(ReadinessVerdict.Status.NOT_READY, verdict.gate(), verdict.evaluatedAt(),
                List.copyOf(checks), verdict.notes());
    }

    /** Alarm states of the watched alarms, or null when none are watched. */
    public Map<String, AlarmState> alarmStates(CutoverConfig config) {
        if (config.alarms().isEmpty()) {
            return null;
        }
        Map<String, AlarmState> states = new LinkedHashMap<>();
        Map<String, AlarmState> read = ports.alarms().states(config.alarms());
        for (String alarm : config.alarms()) {
            states.put(alarm, read.getOrDefault(alarm, AlarmState.MISSING));
        }
        return states;
    }

    private List<DmsTaskFacts> withGateFacts(CutoverConfig config, List<DmsTaskFacts> polled,
                                             List<CheckLine> unreadable) {
        Map<String, DatabaseSide.DmsControlRow> control;
        try (DatabaseSide db = ports.databases().open(config)) {
            control = db.dmsControlTables();
        } catch (DmsControlTablesMissingException e) {
            // A task setting, not a passing outage: waiting out the gate's deadline would not change it.
            throw e;
        } catch (RuntimeException e) {
            // An unreachable target is not a crash of the gate: it fails the gate with the reason.
            unreadable.add(new CheckLine("target control tables", "unreadable: " + e.getMessage(),
                    "awsdms_status and awsdms_apply_exceptions readable", false));
            control = Map.of();
        }
        List<DmsTaskFacts> facts = new ArrayList<>();
        for (DmsTaskFacts task : polled) {
            TableStatistics stats = ports.dms().tableStatistics(task.taskArn());
            DmsTaskFacts withStats = task.withGateFacts(stats.tablesInErrorState(), stats.validationFailedRecords(),
                    stats.validationSuspendedRecords());
            DatabaseSide.DmsControlRow row = controlRowFor(control, task.taskArn());
            // No row means the control tables were not found: "not measured", which the writer gate refuses.
            facts.add(row == null ? withStats : withStats.withControlTables(row.applyExceptions(), row.taskStatus()));
        }
        return facts;
    }

    /** awsdms_status names tasks by identifier, the last segment of the ARN. */
    private static DatabaseSide.DmsControlRow controlRowFor(Map<String, DatabaseSide.DmsControlRow> rows, String arn) {
        return rows.getOrDefault(arn, rows.get(DmsTaskArn.resourceId(arn)));
    }

    /** Keeps enough native samples for the stability window, dropping ones too old to count. */
    private static List<LagSample> recent(CutoverConfig config, Instant now, List<LagSample> previous,
                                          List<LagSample> fresh) {
        Instant oldest = now.minusSeconds(config.readiness().maxSampleAgeSeconds());
        int keep = config.readiness().stabilitySamples() + 1;
        Map<String, List<LagSample>> bySource = new LinkedHashMap<>();
        List<LagSample> all = new ArrayList<>(previous);
        all.addAll(fresh);
        all.stream().filter(s -> !s.at().isBefore(oldest)).sorted(Comparator.comparing(LagSample::at))
                .forEach(s -> bySource.computeIfAbsent(s.sourceId(), k -> new ArrayList<>()).add(s));
        List<LagSample> kept = new ArrayList<>();
        bySource.values().forEach(list -> kept.addAll(list.subList(Math.max(0, list.size() - keep), list.size())));
        return kept;
    }
}
