package io.cutover.core.readiness;

import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.config.NativeLadder;
import io.cutover.core.config.ReadinessThresholds;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.config.ReplicationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns observations into a READY / NOT_READY verdict with one line per check. Every configured
 * replication source must pass every check; a source with no fresh evidence fails (stale samples
 * are not evidence). Facts that are only gathered at gate time (table statistics, control tables)
 * are checked when present and required for the writer gate.
 */
public final class ReadinessEvaluator {
    static final String RUNNING = "running";
    /** {@code awsdms_status.task_status} while applying changes (DMS writes "CHANGE PROCESSING (CDC)" too). */
    static final String CHANGE_PROCESSING = "CHANGE PROCESSING";

    private final CutoverConfig config;

    public ReadinessEvaluator(CutoverConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ReadinessVerdict evaluate(Gate gate, ReadinessEvidence evidence) {
        List<CheckLine> checks = new ArrayList<>();
        for (String sourceId : config.replication().sourceIds()) {
            List<LagSample> fresh = freshSamples(sourceId, evidence);
            if (config.replication().kind() == ReplicationKind.DMS) {
                dmsChecks(gate, sourceId, evidence, fresh, checks);
            } else {
                nativeChecks(gate, sourceId, evidence, fresh, checks);
            }
        }
        alarmChecks(evidence, checks);
        boolean ready = !checks.isEmpty() && checks.stream().allMatch(CheckLine::passed);
        return new ReadinessVerdict(ready ? ReadinessVerdict.Status.READY : ReadinessVerdict.Status.NOT_READY, gate,
                evidence.now(), List.copyOf(checks), notes(evidence));
    }

    private List<String> notes(ReadinessEvidence evidence) {
        List<String> notes = new ArrayList<>();
        for (DmsTaskFacts task : evidence.dmsTasks()) {
            // AWS DMS suspends validation of rows it cannot compare while they keep changing (hot rows) and retries
            // them later: routine, so the operator sees it but it does not hold the cutover back.
            if (task.validationSuspendedRecords() != null && task.validationSuspendedRecords() > 0) {
                notes.add("warning: task " + DmsTaskArn.resourceId(task.taskArn()) + " has "
                        + task.validationSuspendedRecords() + " rows with suspended validation (routine on hot rows;"
                        + " DMS retries them; failed validation would block)");
            }
        }
        for (RecordGroup group : config.writerGroups()) {
            if (group.allowWeightedWrites()) {
                notes.add("record group " + group.name() + " allows weighted writes: both databases accept writes "
                        + "while it is split; this is safe only with replication in both directions");
            }
        }
        return List.copyOf(notes);
    }

    /**
     * Samples of one source no older than the max age of its kind, oldest first. A sample's age runs from the end of
     * the period it covers: a CloudWatch datapoint is labelled with its period's start (CloudWatch API Reference,
     * GetMetricData: StartTime is inclusive and rounded down to the minute, each result lists the Timestamps of its
     * periods; https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html) but speaks
     * for the whole minute, and the newest minutes may not be there yet when the poll reads (CloudWatch's own alarms
     * read an evaluation range wider than their evaluation periods for that reason: CloudWatch User Guide,
     * "Configuring how CloudWatch alarms treat missing data",
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html). So a DMS sample
     * also gets {@code readiness.dmsIngestionAllowanceSeconds}. The allowance is bounded in the config, so a
     * datapoint that ended longer ago than the maximum age plus the allowance never counts, however late CloudWatch
     * is. A sample stamped after now (a skewed clock) is not evidence either.
     */
    private List<LagSample> freshSamples(String sourceId, ReadinessEvidence evidence) {
        Instant oldestEnd = evidence.now().minus(maxSampleAge());
        return evidence.samples().stream()
                .filter(s -> s.sourceId().equals(sourceId))
                .filter(s -> !s.at().isAfter(evidence.now()) && !s.observedUntil().isBefore(oldestEnd))
                .sorted(Comparator.comparing(LagSample::at))
                .toList();
    }

    private Duration maxSampleAge() {
        return config.readiness().maxSampleAge(config.replication().kind());
    }

    /** Seconds since the end of the sample's period; 0 for a period still running. */
    private static long ageSeconds(LagSample sample, Instant now) {
        return Math.max(0, Duration.between(sample.observedUntil(), now).toSeconds());
    }

    private void dmsChecks(Gate gate, String arn, ReadinessEvidence evidence, List<LagSample> fresh,
                           List<CheckLine> checks) {
        String task = "task " + DmsTaskArn.resourceId(arn);
        DmsTaskFacts facts = evidence.dmsTasks().stream().filter(t -> t.taskArn().equals(arn)).findFirst().orElse(null);
        String status = facts == null || facts.apiStatus() == null ? "missing" : facts.apiStatus();
        checks.add(new CheckLine(task + " status", status, RUNNING, RUNNING.equals(status)));
        Integer errored = facts == null ? null : facts.tablesErrored();
        checks.add(count(task + " tables errored", errored, true));
        freshnessCheck(task, evidence, fresh, checks);
        double limit = latencyLimit(gate);
        stabilityCheck(task + " CDC latency", fresh, s -> s.latencySeconds() <= limit,
                s -> seconds(s.latencySeconds()),
                "<= " + seconds(limit) + " for " + window() + " consecutive samples", checks);
        if (facts == null) {
            return;
        }
        boolean writer = gate == Gate.WRITER;
        optionalCount(task + " tables in 'Table error'", facts.tablesInErrorState(), writer, checks);
        optionalCount(task + " validation failures", facts.validationFailedRecords(), writer, checks);
        optionalCount(task + " apply exceptions", facts.applyExceptions(), writer, checks);
        if (facts.controlTableStatus() != null) {
            // The two must agree: the control table can say CHANGE PROCESSING after the task failed, and a
            // running task whose control table says FULL LOAD or NOT RUNNING is not applying changes.
            boolean agree = RUNNING.equals(status) && facts.controlTableStatus().strip().toUpperCase(Locale.ROOT)
                    .startsWith(CHANGE_PROCESSING);
            checks.add(new CheckLine(task + " status agreement",
                    "awsdms_status says '" + facts.controlTableStatus() + "', DMS API says '" + status + "'",
                    "awsdms_status " + CHANGE_PROCESSING + " and the DMS API " + RUNNING
                            + " (the control table alone is not trusted)", agree));
        }
    }

    private void nativeChecks(Gate gate, String slot, ReadinessEvidence evidence, List<LagSample> fresh,
                              List<CheckLine> checks) {
        String name = "slot " + slot;
        NativeLadder ladder = config.readiness().nativeLadder();
        NativeSlotFacts facts = evidence.slots().stream().filter(s -> s.slotName().equals(slot)).findFirst()
                .orElse(null);
        if (facts == null) {
            checks.add(new CheckLine(name + " exists", "missing", "the slot exists on the source", false));
        } else {
            // An inactive slot whose server cannot say since when is taken to be past the tolerance, not within it.
            long inactiveSeconds = facts.inactiveFor() == null ? Long.MAX_VALUE : facts.inactiveFor().toSeconds();
            NativeHealth health = NativeHealth.of(ladder, facts.lagBytes(), facts.lagSeconds(), facts.active(),
                    inactiveSeconds);
            checks.add(new CheckLine(name + " active", facts.active() ? "active"
                    : facts.inactiveFor() == null ? "inactive (since when is unknown before PostgreSQL 17)"
                    : "inactive for " + inactiveSeconds + " s", "active", facts.active()));
            checks.add(new CheckLine(name + " health", health.name().toLowerCase(Locale.ROOT) + " ("
                    + bytes(facts.lagBytes()) + ", " + seconds(facts.lagSeconds()) + ")",
                    gate == Gate.WRITER ? "healthy (< " + bytes(ladder.healthyBytes()) + " and < "
                            + seconds(ladder.healthySeconds()) + ")"
                            : "healthy or warning (< " + bytes(ladder.warningBytes()) + " and < "
                            + seconds(ladder.warningSeconds()) + ")", health.passes(gate)));
            if (facts.subscriptionEnabled() != null) {
                checks.add(new CheckLine(name + " subscription enabled", facts.subscriptionEnabled().toString(),
                        "true", facts.subscriptionEnabled()));
            }
        }
        freshnessCheck(name, evidence, fresh, checks);
        stabilityCheck(name + " lag", fresh,
                s -> NativeHealth.of(ladder, s.lagBytes() == null ? Long.MAX_VALUE : s.lagBytes(), s.latencySeconds(),
                        true, 0).passes(gate),
                s -> (s.lagBytes() == null ? "unknown bytes" : bytes(s.lagBytes())) + "/" + seconds(s.latencySeconds()),
                (gate == Gate.WRITER ? "healthy" : "healthy or warning") + " for " + window() + " consecutive samples",
                checks);
    }

    private void alarmChecks(ReadinessEvidence evidence, List<CheckLine> checks) {
        if (evidence.alarmStates() == null) {
            return;
        }
        for (String alarm : config.alarms()) {
            AlarmState state = evidence.alarmStates().getOrDefault(alarm, AlarmState.MISSING);
            checks.add(new CheckLine("alarm " + alarm, state.name(), "OK or INSUFFICIENT_DATA", state.allowsCutover()));
        }
    }

    private void freshnessCheck(String subject, ReadinessEvidence evidence, List<LagSample> fresh,
                                List<CheckLine> checks) {
        String observed = fresh.size() + " fresh sample" + (fresh.size() == 1 ? "" : "s");
        if (!fresh.isEmpty()) {
            observed += ", newest " + ageSeconds(fresh.get(fresh.size() - 1), evidence.now()) + " s old";
        }
        ReadinessThresholds t = config.readiness();
        String limit = config.replication().kind() == ReplicationKind.DMS
                ? maxSampleAge().toSeconds() + " s after their period ends (" + t.maxSampleAgeSeconds() + " s + "
                + t.dmsIngestionAllowanceSeconds() + " s CloudWatch ingestion allowance)"
                : t.maxSampleAgeSeconds() + " s";
        checks.add(new CheckLine(subject + " fresh samples", observed, ">= " + window() + " samples no older than "
                + limit, fresh.size() >= window()));
    }

    private void stabilityCheck(String name, List<LagSample> fresh, java.util.function.Predicate<LagSample> good,
                                java.util.function.Function<LagSample, String> render, String threshold,
                                List<CheckLine> checks) {
        List<LagSample> window = fresh.subList(Math.max(0, fresh.size() - window()), fresh.size());
        if (window.isEmpty()) {
            checks.add(new CheckLine(name, "no fresh samples", threshold, false));
            return;
        }
        List<String> rendered = window.stream().map(render).toList();
        boolean passed = window.size() >= window() && window.stream().allMatch(good);
        checks.add(new CheckLine(name, "last " + window.size() + ": " + String.join(", ", rendered), threshold, passed));
    }

    private static CheckLine count(String name, Number value, boolean required) {
        if (value == null) {
            return new CheckLine(name, "not measured", "0", !required);
        }
        return new CheckLine(name, value.toString(), "0", value.longValue() == 0);
    }

    private static void optionalCount(String name, Number value, boolean required, List<CheckLine> checks) {
        if (value != null || required) {
            checks.add(count(name, value, required));
        }
    }

    private double latencyLimit(Gate gate) {
        ReadinessThresholds t = config.readiness();
        return gate == Gate.WRITER ? t.maxWriterLatencySeconds() : t.maxReaderLatencySeconds();
    }

    private int window() {
        return config.readiness().stabilitySamples();
    }

    static String seconds(double value) {
        return (value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " s";
    }

    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        if (value < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", value / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", value / (1024.0 * 1024));
    }
}
