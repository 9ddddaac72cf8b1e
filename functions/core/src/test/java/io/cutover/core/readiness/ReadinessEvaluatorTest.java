package io.cutover.core.readiness;

import static io.cutover.core.fixtures.ConfigFixture.TASK_ONE;
import static io.cutover.core.fixtures.ConfigFixture.TASK_TWO;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.readiness.ReadinessVerdict.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadinessEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration SPACING = Duration.ofSeconds(30);

    /** Latency samples of one source, oldest first, 30 s apart, the newest 10 s old. */
    private static List<LagSample> samples(String sourceId, double... latencies) {
        List<LagSample> samples = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            Instant at = NOW.minusSeconds(10).minus(SPACING.multipliedBy(latencies.length - 1 - i));
            samples.add(new LagSample(sourceId, at, latencies[i], null));
        }
        return samples;
    }

    /** One-minute CloudWatch datapoints of TASK_ONE at 1 s latency, labelled this many seconds ago (their start). */
    private static List<LagSample> minuteDatapoints(long... startsAgo) {
        return Arrays.stream(startsAgo).mapToObj(ago -> new LagSample(TASK_ONE, NOW.minusSeconds(ago), 1, null, 60))
                .toList();
    }

    private static DmsTaskFacts running(String arn) {
        return DmsTaskFacts.polled(arn, "running", 0, 0L);
    }

    private static DmsTaskFacts runningWithGateFacts(String arn) {
        return running(arn).withGateFacts(0, 0).withControlTables(0, "CHANGE PROCESSING");
    }

    private static ReadinessEvidence dmsEvidence(List<LagSample> samples, DmsTaskFacts... tasks) {
        return new ReadinessEvidence(NOW, samples, List.of(tasks), List.of(), null);
    }

    private static CheckLine line(ReadinessVerdict verdict, String name) {
        return verdict.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + verdict.checks()));
    }

    private static List<String> failedNames(ReadinessVerdict verdict) {
        return verdict.failures().stream().map(CheckLine::name).toList();
    }

    @Nested
    class DmsReplication {
        private final ReadinessEvaluator evaluator = new ReadinessEvaluator(ConfigFixture.minimal().parse());

        @Test
        void evaluate_isReady_whenEveryCheckPasses_withOneLinePerCheck() {
            // GIVEN a running task with three fresh low-latency samples
            ReadinessEvidence evidence = dmsEvidence(samples(TASK_ONE, 4, 3, 2), running(TASK_ONE));

            // WHEN the reader gate is evaluated
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence);

            // THEN it is ready, and each check says what it saw against what it needs
            assertThat(verdict.status()).isEqualTo(Status.READY);
            assertThat(verdict.ready()).isTrue();
            assertThat(verdict.gate()).isEqualTo(Gate.READER);
            assertThat(verdict.evaluatedAt()).isEqualTo(NOW);
            assertThat(verdict.checks()).containsExactly(
                    new CheckLine("task TASKONE status", "running", "running", true),
                    new CheckLine("task TASKONE tables errored", "0", "0", true),
                    new CheckLine("task TASKONE fresh samples", "3 fresh samples, newest 10 s old",
                            ">= 3 samples no older than 300 s after their period ends (180 s + 120 s CloudWatch"
                                    + " ingestion allowance)", true),
                    new CheckLine("task TASKONE CDC latency", "last 3: 4 s, 3 s, 2 s",
                            "<= 30 s for 3 consecutive samples", true));
            assertThat(verdict.failures()).isEmpty();
            assertThat(verdict.summary()).isEqualTo("READY (READER gate): 4 checks passed");
            assertThat(verdict.notes()).isEmpty();
        }

        @Test
        void evaluate_writerGate_isStricterThanTheReaderGate() {
            // GIVEN a steady 10 s latency: fine for readers (30 s), too much for the writer (5 s)
            ReadinessEvidence evidence = dmsEvidence(samples(TASK_ONE, 10, 10, 10), runningWithGateFacts(TASK_ONE));

            // WHEN both gates are evaluated
            ReadinessVerdict reader = evaluator.evaluate(Gate.READER, evidence);
            ReadinessVerdict writer = evaluator.evaluate(Gate.WRITER, evidence);

            // THEN only the reader gate opens
            assertThat(reader.ready()).isTrue();
            assertThat(writer.ready()).isFalse();
            assertThat(failedNames(writer)).containsExactly("task TASKONE CDC latency");
            assertThat(line(writer, "task TASKONE CDC latency").threshold()).isEqualTo("<= 5 s for 3 consecutive samples");
        }

        @Test
        void evaluate_acceptsALatencyExactlyAtTheLimit() {
            ReadinessEvidence evidence = dmsEvidence(samples(TASK_ONE, 5, 5, 5), runningWithGateFacts(TASK_ONE));
            assertThat(evaluator.evaluate(Gate.WRITER, evidence).ready()).isTrue();
            ReadinessEvidence over = dmsEvidence(samples(TASK_ONE, 5, 5, 5.1), runningWithGateFacts(TASK_ONE));
            assertThat(evaluator.evaluate(Gate.WRITER, over).ready()).isFalse();
        }

        @Test
        void evaluate_writerGate_requiresTheGateTimeFacts() {
            // GIVEN only what a routine poll gathers (no table statistics, no control tables)
            ReadinessEvidence evidence = dmsEvidence(samples(TASK_ONE, 1, 1, 1), running(TASK_ONE));

            // WHEN the writer gate is evaluated
            ReadinessVerdict verdict = evaluator.evaluate(Gate.WRITER, evidence);

            // THEN the unmeasured facts fail it
            assertThat(verdict.status()).isEqualTo(Status.NOT_READY);
            assertThat(failedNames(verdict)).containsExactly("task TASKONE tables in 'Table error'",
                    "task TASKONE validation failures", "task TASKONE apply exceptions");
            assertThat(verdict.failures()).allSatisfy(c -> assertThat(c.observed()).isEqualTo("not measured"));
        }

        @Test
        void evaluate_readerGate_doesNotNeedTheGateTimeFacts() {
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER,
                    dmsEvidence(samples(TASK_ONE, 1, 1, 1), running(TASK_ONE)));
            assertThat(verdict.ready()).isTrue();
            assertThat(verdict.checks()).extracting(CheckLine::name).noneMatch(n -> n.contains("validation"));
        }

        @Test
        void evaluate_writerGate_isReady_withCleanGateTimeFacts() {
            // GIVEN clean table statistics and control tables
            ReadinessVerdict verdict = evaluator.evaluate(Gate.WRITER,
                    dmsEvidence(samples(TASK_ONE, 1, 1, 1), runningWithGateFacts(TASK_ONE)));

            // THEN it is ready and says so line by line
            assertThat(verdict.ready()).isTrue();
            assertThat(verdict.checks()).extracting(CheckLine::name).containsExactly("task TASKONE status",
                    "task TASKONE tables errored", "task TASKONE fresh samples", "task TASKONE CDC latency",
                    "task TASKONE tables in 'Table error'", "task TASKONE validation failures",
                    "task TASKONE apply exceptions", "task TASKONE status agreement");
        }

        @Test
        void evaluate_writerGate_staysReady_withSuspendedValidation_andWarnsOfIt() {
            // GIVEN 42 hot rows whose validation DMS suspended (it retries them), and no failed validation
            DmsTaskFacts facts = running(TASK_ONE).withGateFacts(0, 0, 42).withControlTables(0, "CHANGE PROCESSING");

            ReadinessVerdict verdict = evaluator.evaluate(Gate.WRITER, dmsEvidence(samples(TASK_ONE, 1, 1, 1), facts));

            assertThat(verdict.ready()).isTrue();
            assertThat(verdict.notes()).singleElement().asString().startsWith("warning: task TASKONE has 42 rows with"
                    + " suspended validation");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"tables in 'Table error'", "validation failures", "apply exceptions"})
        void evaluate_failsBothGates_whenAGateTimeFactIsNotZero(String fact) {
            // GIVEN one gate-time fact reporting a problem
            DmsTaskFacts facts = switch (fact) {
                case "tables in 'Table error'" -> running(TASK_ONE).withGateFacts(2, 0);
                case "validation failures" -> running(TASK_ONE).withGateFacts(0, 17);
                default -> running(TASK_ONE).withGateFacts(0, 0).withControlTables(3, "CHANGE PROCESSING");
            };
            ReadinessEvidence evidence = dmsEvidence(samples(TASK_ONE, 1, 1, 1), facts);

            // WHEN either gate is evaluated THEN that fact fails it
            for (Gate gate : Gate.values()) {
                ReadinessVerdict verdict = evaluator.evaluate(gate, evidence);
                assertThat(verdict.ready()).as(gate.name()).isFalse();
                assertThat(failedNames(verdict)).as(gate.name()).contains("task TASKONE " + fact);
            }
        }

        @Test
        void evaluate_isNotReady_whenTheControlTableSaysChangeProcessing_butTheApiSaysFailed() {
            // GIVEN a task the API reports failed while awsdms_status still says CHANGE PROCESSING
            DmsTaskFacts facts = DmsTaskFacts.polled(TASK_ONE, "failed", 0, 0L).withGateFacts(0, 0)
                    .withControlTables(0, "CHANGE PROCESSING");

            // WHEN evaluated
            ReadinessVerdict verdict = evaluator.evaluate(Gate.WRITER, dmsEvidence(samples(TASK_ONE, 1, 1, 1), facts));

            // THEN the API wins: not ready, and the disagreement is spelled out
            assertThat(verdict.ready()).isFalse();
            assertThat(failedNames(verdict)).containsExactly("task TASKONE status", "task TASKONE status agreement");
            assertThat(line(verdict, "task TASKONE status agreement").observed())
                    .isEqualTo("awsdms_status says 'CHANGE PROCESSING', DMS API says 'failed'");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"FULL LOAD", "NOT RUNNING"})
        void evaluate_isNotReady_whenTheApiSaysRunning_butTheControlTableIsNotApplyingChanges(String controlStatus) {
            DmsTaskFacts facts = running(TASK_ONE).withGateFacts(0, 0).withControlTables(0, controlStatus);
            ReadinessVerdict verdict = evaluator.evaluate(Gate.WRITER, dmsEvidence(samples(TASK_ONE, 1, 1, 1), facts));
            assertThat(failedNames(verdict)).containsExactly("task TASKONE status agreement");
        }

        @Test
        void evaluate_acceptsTheCdcSuffixOfTheControlTableStatus() {
            DmsTaskFacts facts = running(TASK_ONE).withGateFacts(0, 0).withControlTables(0, "CHANGE PROCESSING (CDC)");
            assertThat(evaluator.evaluate(Gate.WRITER, dmsEvidence(samples(TASK_ONE, 1, 1, 1), facts)).ready()).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"stopped", "failed", "starting", "modifying", "ready", "RUNNING"})
        void evaluate_isNotReady_unlessTheApiSaysRunning(String apiStatus) {
            DmsTaskFacts facts = DmsTaskFacts.polled(TASK_ONE, apiStatus, 0, 0L);
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(samples(TASK_ONE, 1, 1, 1), facts));
            assertThat(failedNames(verdict)).containsExactly("task TASKONE status");
            assertThat(line(verdict, "task TASKONE status").observed()).isEqualTo(apiStatus);
        }

        @Test
        void evaluate_isNotReady_whenTablesErrored() {
            DmsTaskFacts facts = DmsTaskFacts.polled(TASK_ONE, "running", 1, 0L);
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(samples(TASK_ONE, 1, 1, 1), facts));
            assertThat(verdict.failures()).containsExactly(new CheckLine("task TASKONE tables errored", "1", "0", false));
        }

        @Test
        void evaluate_isNotReady_whenTheTaskWasNotDescribed() {
            // GIVEN samples but no facts about the task
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(samples(TASK_ONE, 1, 1, 1)));

            // THEN status and error counts are failures, not assumptions
            assertThat(verdict.failures()).containsExactly(
                    new CheckLine("task TASKONE status", "missing", "running", false),
                    new CheckLine("task TASKONE tables errored", "not measured", "0", false));
        }

        @Test
        void evaluate_ignoresStaleSamples_asEvidence() {
            // GIVEN three good one-minute datapoints that all ended longer ago than 180 s + the 120 s allowance
            List<LagSample> stale = minuteDatapoints(500, 420, 361);

            // WHEN evaluated
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(stale, running(TASK_ONE)));

            // THEN there is no evidence, so not ready
            assertThat(verdict.ready()).isFalse();
            assertThat(line(verdict, "task TASKONE fresh samples").observed()).isEqualTo("0 fresh samples");
            assertThat(line(verdict, "task TASKONE CDC latency"))
                    .isEqualTo(new CheckLine("task TASKONE CDC latency", "no fresh samples",
                            "<= 30 s for 3 consecutive samples", false));
        }

        @Test
        void evaluate_countsLateCloudWatchDatapoints_measuredFromTheEndOfTheirPeriod() {
            // GIVEN the three newest one-minute datapoints CloudWatch shows two minutes late: the newest period
            // started 180 s ago and ended 120 s ago, the oldest started 300 s ago (beyond 180 s from its start)
            List<LagSample> late = minuteDatapoints(300, 240, 180);

            // WHEN evaluated
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(late, running(TASK_ONE)));

            // THEN all three count: the oldest ended 240 s ago, within 180 s + the 120 s ingestion allowance
            assertThat(verdict.ready()).isTrue();
            assertThat(line(verdict, "task TASKONE fresh samples").observed())
                    .isEqualTo("3 fresh samples, newest 120 s old");
        }

        @Test
        void evaluate_refusesADatapointThatEndedBeyondTheAgePlusTheAllowance() {
            // GIVEN two recent datapoints and a third whose period ended 301 s ago, one second past 180 s + 120 s
            List<LagSample> samples = minuteDatapoints(361, 120, 60);
            // AND the same datapoint, ending exactly at the bound
            List<LagSample> atTheBound = minuteDatapoints(360, 120, 60);

            // THEN past the bound it is not evidence, at the bound it is
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(samples, running(TASK_ONE)));
            assertThat(line(verdict, "task TASKONE fresh samples").observed()).startsWith("2 fresh samples");
            assertThat(verdict.ready()).isFalse();
            assertThat(evaluator.evaluate(Gate.READER, dmsEvidence(atTheBound, running(TASK_ONE))).ready()).isTrue();
        }

        @Test
        void evaluate_withNoIngestionAllowance_holdsDmsDatapointsToTheMaximumAgeAlone() {
            ReadinessEvaluator strict = new ReadinessEvaluator(
                    ConfigFixture.minimal().set("readiness.dmsIngestionAllowanceSeconds", 0).parse());
            // the oldest ended 240 s ago: within 180 + 120, beyond 180 + 0
            List<LagSample> late = minuteDatapoints(300, 240, 180);
            ReadinessVerdict verdict = strict.evaluate(Gate.READER, dmsEvidence(late, running(TASK_ONE)));
            assertThat(verdict.ready()).isFalse();
            assertThat(line(verdict, "task TASKONE fresh samples").observed()).startsWith("2 fresh samples");
        }

        @Test
        void evaluate_countsASampleExactlyAtTheMaximumAge() {
            List<LagSample> edge = Stream.of(300, 120, 60)
                    .map(age -> new LagSample(TASK_ONE, NOW.minusSeconds(age), 1, null)).toList();
            assertThat(evaluator.evaluate(Gate.READER, dmsEvidence(edge, running(TASK_ONE))).ready()).isTrue();
        }

        @Test
        void evaluate_ignoresSamplesFromTheFuture() {
            // GIVEN two fresh samples and one stamped after now (a skewed clock)
            List<LagSample> samples = new ArrayList<>(samples(TASK_ONE, 1, 1));
            samples.add(new LagSample(TASK_ONE, NOW.plusSeconds(30), 1, null));

            // THEN only two count, which is not enough
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(samples, running(TASK_ONE)));
            assertThat(line(verdict, "task TASKONE fresh samples").observed()).startsWith("2 fresh samples");
            assertThat(verdict.ready()).isFalse();
        }

        @Test
        void evaluate_needsTheFullStabilityWindow() {
            // GIVEN two good samples where three are required
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER,
                    dmsEvidence(samples(TASK_ONE, 1, 1), running(TASK_ONE)));

            // THEN both the sample count and the stability check fail
            assertThat(failedNames(verdict)).containsExactly("task TASKONE fresh samples", "task TASKONE CDC latency");
            assertThat(line(verdict, "task TASKONE CDC latency").observed()).isEqualTo("last 2: 1 s, 1 s");
        }

        @Test
        void evaluate_judgesOnlyTheLastWindowOfConsecutiveSamples() {
            // GIVEN an old spike followed by three good samples
            ReadinessVerdict recovered = evaluator.evaluate(Gate.READER,
                    dmsEvidence(samples(TASK_ONE, 90, 2, 2, 2), running(TASK_ONE)));
            // AND a good run broken by the latest sample
            ReadinessVerdict spiking = evaluator.evaluate(Gate.READER,
                    dmsEvidence(samples(TASK_ONE, 2, 2, 2, 90), running(TASK_ONE)));
            // AND a spike in the middle of the window
            ReadinessVerdict wobbling = evaluator.evaluate(Gate.READER,
                    dmsEvidence(samples(TASK_ONE, 2, 90, 2), running(TASK_ONE)));

            // THEN only three consecutive good samples make it ready
            assertThat(recovered.ready()).isTrue();
            assertThat(line(recovered, "task TASKONE CDC latency").observed()).isEqualTo("last 3: 2 s, 2 s, 2 s");
            assertThat(spiking.ready()).isFalse();
            assertThat(wobbling.ready()).isFalse();
        }

        @Test
        void evaluate_ordersSamplesByTime_notByArrival() {
            // GIVEN samples delivered newest first, the oldest one bad
            List<LagSample> samples = new ArrayList<>(samples(TASK_ONE, 90, 2, 2, 2));
            java.util.Collections.reverse(samples);

            // THEN the bad one is outside the window
            assertThat(evaluator.evaluate(Gate.READER, dmsEvidence(samples, running(TASK_ONE))).ready()).isTrue();
        }

        @Test
        void evaluate_usesTheConfiguredStabilityWindow() {
            ReadinessEvaluator five = new ReadinessEvaluator(
                    ConfigFixture.minimal().set("readiness.stabilitySamples", 5).parse());
            assertThat(five.evaluate(Gate.READER, dmsEvidence(samples(TASK_ONE, 1, 1, 1, 1), running(TASK_ONE))).ready())
                    .isFalse();
            assertThat(five.evaluate(Gate.READER, dmsEvidence(samples(TASK_ONE, 1, 1, 1, 1, 1), running(TASK_ONE)))
                    .ready()).isTrue();
        }

        @Test
        void evaluate_ignoresSamplesOfOtherSources() {
            List<LagSample> samples = new ArrayList<>(samples(TASK_TWO, 1, 1, 1));
            samples.addAll(samples(TASK_ONE, 1));
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, dmsEvidence(samples, running(TASK_ONE)));
            assertThat(line(verdict, "task TASKONE fresh samples").observed()).startsWith("1 fresh sample,");
            assertThat(verdict.ready()).isFalse();
        }
    }

    @Nested
    class SeveralDmsTasks {
        private final ReadinessEvaluator evaluator = new ReadinessEvaluator(
                ConfigFixture.minimal().twoDmsTasks().parse());

        private List<LagSample> bothGood() {
            List<LagSample> samples = new ArrayList<>(samples(TASK_ONE, 1, 1, 1));
            samples.addAll(samples(TASK_TWO, 2, 2, 2));
            return samples;
        }

        @Test
        void evaluate_isReady_whenEveryTaskPasses() {
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER,
                    dmsEvidence(bothGood(), running(TASK_ONE), running(TASK_TWO)));
            assertThat(verdict.ready()).isTrue();
            assertThat(verdict.checks()).extracting(CheckLine::name)
                    .filteredOn(n -> n.endsWith(" status")).containsExactly("task TASKONE status", "task TASKTWO status");
        }

        @Test
        void evaluate_isNotReady_whenOneOfTwoTasksFails() {
            // GIVEN the first task healthy and the second stopped
            ReadinessEvidence evidence = dmsEvidence(bothGood(), running(TASK_ONE),
                    DmsTaskFacts.polled(TASK_TWO, "stopped", 0, 0L));

            // WHEN evaluated
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence);

            // THEN not ready, and the failure names the second task only
            assertThat(verdict.status()).isEqualTo(Status.NOT_READY);
            assertThat(failedNames(verdict)).containsExactly("task TASKTWO status");
            assertThat(verdict.summary()).startsWith("NOT_READY (READER gate): 1 of 8 checks failed: ")
                    .contains("FAIL task TASKTWO status: stopped (required running)");
        }

        @Test
        void evaluate_isNotReady_whenOneTaskHasNoFreshSamples() {
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER,
                    dmsEvidence(samples(TASK_ONE, 1, 1, 1), running(TASK_ONE), running(TASK_TWO)));
            assertThat(failedNames(verdict)).containsExactly("task TASKTWO fresh samples", "task TASKTWO CDC latency");
        }

        @Test
        void evaluate_isNotReady_whenOneTaskLags() {
            List<LagSample> samples = new ArrayList<>(samples(TASK_ONE, 1, 1, 1));
            samples.addAll(samples(TASK_TWO, 45, 50, 55));
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER,
                    dmsEvidence(samples, running(TASK_ONE), running(TASK_TWO)));
            assertThat(failedNames(verdict)).containsExactly("task TASKTWO CDC latency");
        }
    }

    @Nested
    class Alarms {
        private final ReadinessEvaluator evaluator = new ReadinessEvaluator(
                ConfigFixture.minimal().set("alarms", List.of("cpu-high", "lag-high")).parse());

        private ReadinessVerdict withAlarms(Map<String, AlarmState> states) {
            return evaluator.evaluate(Gate.READER, new ReadinessEvidence(NOW, samples(TASK_ONE, 1, 1, 1),
                    List.of(running(TASK_ONE)), List.of(), states));
        }

        @Test
        void evaluate_isReady_whenWatchedAlarmsAreOkOrQuiet() {
            ReadinessVerdict verdict = withAlarms(Map.of("cpu-high", AlarmState.OK, "lag-high",
                    AlarmState.INSUFFICIENT_DATA));
            assertThat(verdict.ready()).isTrue();
            assertThat(line(verdict, "alarm cpu-high")).isEqualTo(
                    new CheckLine("alarm cpu-high", "OK", "OK or INSUFFICIENT_DATA", true));
        }

        @Test
        void evaluate_isNotReady_whenAWatchedAlarmIsInAlarm() {
            ReadinessVerdict verdict = withAlarms(Map.of("cpu-high", AlarmState.ALARM, "lag-high", AlarmState.OK));
            assertThat(verdict.failures()).containsExactly(
                    new CheckLine("alarm cpu-high", "ALARM", "OK or INSUFFICIENT_DATA", false));
        }

        @Test
        void evaluate_isNotReady_whenAWatchedAlarmIsMissing() {
            // GIVEN one alarm that CloudWatch does not know (deleted or misspelled)
            ReadinessVerdict verdict = withAlarms(Map.of("cpu-high", AlarmState.OK));

            // THEN we would be watching nothing: not ready
            assertThat(verdict.failures()).containsExactly(
                    new CheckLine("alarm lag-high", "MISSING", "OK or INSUFFICIENT_DATA", false));
            assertThat(withAlarms(Map.of("cpu-high", AlarmState.OK, "lag-high", AlarmState.MISSING)).ready())
                    .isFalse();
        }

        @Test
        void evaluate_skipsAlarmLines_whenAlarmsWereNotRead() {
            ReadinessVerdict verdict = withAlarms(null);
            assertThat(verdict.checks()).extracting(CheckLine::name).noneMatch(n -> n.startsWith("alarm "));
        }
    }

    @Nested
    class WeightedWritesNote {
        private final CutoverConfig optIn = ConfigFixture.minimal().set("recordGroups[0].allowWeightedWrites", true)
                .parse();

        @ParameterizedTest
        @EnumSource(Gate.class)
        void everyVerdict_notesWeightedWrites_readyOrNot(Gate gate) {
            ReadinessEvaluator evaluator = new ReadinessEvaluator(optIn);
            ReadinessVerdict ready = evaluator.evaluate(gate,
                    dmsEvidence(samples(TASK_ONE, 1, 1, 1), runningWithGateFacts(TASK_ONE)));
            ReadinessVerdict notReady = evaluator.evaluate(gate, dmsEvidence(List.of()));

            assertThat(ready.ready()).isTrue();
            assertThat(notReady.ready()).isFalse();
            for (ReadinessVerdict verdict : List.of(ready, notReady)) {
                assertThat(verdict.notes()).singleElement().asString()
                        .contains("record group app-writer allows weighted writes")
                        .contains("replication in both directions");
            }
        }
    }

    @Nested
    class NativeReplication {
        private static final long MB = 1024 * 1024;
        private final ReadinessEvaluator evaluator = new ReadinessEvaluator(
                ConfigFixture.minimal().nativeReplication("slot_a").parse());

        private List<LagSample> lag(long bytes, double seconds, int count) {
            List<LagSample> samples = new ArrayList<>();
            for (int i = count - 1; i >= 0; i--) {
                samples.add(new LagSample("slot_a", NOW.minusSeconds(10).minus(SPACING.multipliedBy(i)), seconds, bytes));
            }
            return samples;
        }

        private ReadinessEvidence evidence(List<LagSample> samples, NativeSlotFacts... slots) {
            return new ReadinessEvidence(NOW, samples, List.of(), Arrays.asList(slots), null);
        }

        private NativeSlotFacts slot(long bytes, double seconds) {
            return new NativeSlotFacts("slot_a", true, bytes, seconds, Duration.ZERO, null);
        }

        @Test
        void evaluate_isReadyForTheWriter_onAHealthySlot() {
            ReadinessVerdict verdict = evaluator.evaluate(Gate.WRITER, evidence(lag(100, 0.2, 3), slot(100, 0.2)));
            assertThat(verdict.ready()).isTrue();
            assertThat(verdict.checks()).containsExactly(
                    new CheckLine("slot slot_a active", "active", "active", true),
                    new CheckLine("slot slot_a health", "healthy (100 B, 0.2 s)", "healthy (< 1.0 KB and < 1 s)", true),
                    new CheckLine("slot slot_a fresh samples", "3 fresh samples, newest 10 s old",
                            ">= 3 samples no older than 180 s", true),
                    new CheckLine("slot slot_a lag", "last 3: 100 B/0.2 s, 100 B/0.2 s, 100 B/0.2 s",
                            "healthy for 3 consecutive samples", true));
        }

        @Test
        void evaluate_letsReadersMove_butNotTheWriter_onAWarmSlot() {
            // GIVEN 2 MB and 5 s of lag: warning on the ladder
            ReadinessEvidence warm = evidence(lag(2 * MB, 5, 3), slot(2 * MB, 5));

            // THEN readers may move, the writer may not
            assertThat(evaluator.evaluate(Gate.READER, warm).ready()).isTrue();
            ReadinessVerdict writer = evaluator.evaluate(Gate.WRITER, warm);
            assertThat(failedNames(writer)).containsExactly("slot slot_a health", "slot slot_a lag");
            assertThat(line(writer, "slot slot_a health").observed()).isEqualTo("warning (2.0 MB, 5 s)");
        }

        @Test
        void evaluate_isNotReady_onACriticalSlot() {
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(lag(200 * MB, 5, 3), slot(200 * MB, 5)));
            assertThat(failedNames(verdict)).containsExactly("slot slot_a health", "slot slot_a lag");
            assertThat(line(verdict, "slot slot_a health").observed()).startsWith("critical");
        }

        @Test
        void evaluate_isNotReady_whenTheSlotIsInactive() {
            NativeSlotFacts inactive = new NativeSlotFacts("slot_a", false, 0, 0, Duration.ofSeconds(90), null);
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(lag(0, 0, 3), inactive));
            assertThat(line(verdict, "slot slot_a active"))
                    .isEqualTo(new CheckLine("slot slot_a active", "inactive for 90 s", "active", false));
            assertThat(line(verdict, "slot slot_a health").observed()).startsWith("critical");
        }

        @Test
        void evaluate_saysTheInactiveDurationIsUnknown_beforePostgres17_andTakesItAsPastTheTolerance() {
            NativeSlotFacts sinceUnknown = new NativeSlotFacts("slot_a", false, 0, 0, null, null);
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(lag(0, 0, 3), sinceUnknown));
            assertThat(line(verdict, "slot slot_a active")).isEqualTo(new CheckLine("slot slot_a active",
                    "inactive (since when is unknown before PostgreSQL 17)", "active", false));
            assertThat(line(verdict, "slot slot_a health").observed()).startsWith("critical");
        }

        @Test
        void evaluate_doesNotCallABrieflyInactiveSlotCritical_whenTheServerSaysSinceWhen() {
            NativeSlotFacts brief = new NativeSlotFacts("slot_a", false, 0, 0, Duration.ofSeconds(5), null);
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(lag(0, 0, 3), brief));
            assertThat(verdict.ready()).isFalse();
            assertThat(line(verdict, "slot slot_a active").observed()).isEqualTo("inactive for 5 s");
            assertThat(line(verdict, "slot slot_a health").observed()).startsWith("warning");
        }

        @Test
        void evaluate_isNotReady_whenTheSlotDoesNotExist() {
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(lag(0, 0, 3)));
            assertThat(verdict.failures()).containsExactly(
                    new CheckLine("slot slot_a exists", "missing", "the slot exists on the source", false));
        }

        @Test
        void evaluate_checksTheSubscription_whenItWasRead() {
            NativeSlotFacts disabled = new NativeSlotFacts("slot_a", true, 0, 0, Duration.ZERO, false);
            NativeSlotFacts enabled = new NativeSlotFacts("slot_a", true, 0, 0, Duration.ZERO, true);
            assertThat(evaluator.evaluate(Gate.READER, evidence(lag(0, 0, 3), disabled)).failures())
                    .containsExactly(new CheckLine("slot slot_a subscription enabled", "false", "true", false));
            assertThat(evaluator.evaluate(Gate.READER, evidence(lag(0, 0, 3), enabled)).ready()).isTrue();
        }

        @Test
        void evaluate_treatsSamplesWithoutBytes_asNotEvidenceOfHealth() {
            List<LagSample> noBytes = samples("slot_a", 0, 0, 0);
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(noBytes, slot(0, 0)));
            assertThat(failedNames(verdict)).containsExactly("slot slot_a lag");
            assertThat(line(verdict, "slot slot_a lag").observed()).contains("unknown bytes");
        }

        @Test
        void evaluate_isNotReady_whenTheLagSamplesAreStale() {
            List<LagSample> stale = List.of(new LagSample("slot_a", NOW.minusSeconds(600), 0, 0L),
                    new LagSample("slot_a", NOW.minusSeconds(500), 0, 0L),
                    new LagSample("slot_a", NOW.minusSeconds(400), 0, 0L));
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(stale, slot(0, 0)));
            assertThat(failedNames(verdict)).containsExactly("slot slot_a fresh samples", "slot slot_a lag");
        }

        @Test
        void evaluate_givesSlotReadingsNoIngestionAllowance_theyAreTakenByThePollItself() {
            // GIVEN readings 240, 200 and 10 s old: within 180 s + the DMS allowance, but the allowance is DMS's
            List<LagSample> readings = List.of(new LagSample("slot_a", NOW.minusSeconds(240), 0, 0L),
                    new LagSample("slot_a", NOW.minusSeconds(200), 0, 0L),
                    new LagSample("slot_a", NOW.minusSeconds(10), 0, 0L));
            ReadinessVerdict verdict = evaluator.evaluate(Gate.READER, evidence(readings, slot(0, 0)));
            assertThat(line(verdict, "slot slot_a fresh samples")).isEqualTo(new CheckLine("slot slot_a fresh samples",
                    "1 fresh sample, newest 10 s old", ">= 3 samples no older than 180 s", false));
        }
    }

    @Test
    void lagSample_rejectsImpossibleValues() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LagSample("s", NOW, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LagSample("s", NOW, Double.NaN, null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LagSample("s", NOW, 0, -1L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
