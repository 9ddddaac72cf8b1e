package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.DmsTaskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reverse DMS task (target to source) broken while watching after the switch, in whole rehearsals: the Watch sees
 * it through the production DMS adapter and rolls back. A failed or stopped task is resumed by the rollback, which
 * then carries every target write back: rolled back, nothing lost, duplicated or split, the source writable. A table
 * in error or a change logged as not applied cannot be carried back (ReloadTables needs a full-load task; the reverse
 * task is CDC only): the rollback refuses before it changes anything, naming the table, so the writer stays on the
 * target with every write, and the run fails loudly rather than rolls back with rows missing.
 */
class DmsWatchFaultRehearsalIT {
    private static final int RATE = 40;
    private static final double SPEED = 150;
    private static final String JOURNAL = RehearsalSchema.builtIn().journalTable();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"task-failed@watch", "task-stopped@watch"})
    void aFailedOrStoppedReverseTask_whileWatching_rollsBack_resumingIt_andCarriesEveryTargetWriteBack(String fault) {
        // GIVEN a DMS rehearsal whose reverse task fails (or is stopped) once the target took 100 writes
        RehearsalOptions options = options(fault);

        // WHEN it runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the watch caught it and the workflow rolled back by the switch in reverse
        JsonNode report = result.report();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        assertThat(report.path("rollbackReaction").path("detectedBy").asText()).as("%s", report.path("faults"))
                .contains("watch: io.cutover.handlers.errors.ReverseReplicationBrokenException",
                        io.cutover.local.dms.StandInSettings.REVERSE_TASK_ARN);
        // AND the rollback resumed the reverse task before its drain
        assertThat(HandlerLogTasks.results(options.reportDir(), "rollback")).anySatisfy(rollback ->
                assertThat(rollback.path("reverseSwitch").path("reverseTaskResumed").isObject())
                        .as("%s", rollback.path("reverseSwitch")).isTrue());
        // AND every target write reached the source exactly once: nothing lost, duplicated or split
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("source");
        assertThat(writes.path("reverseSwitch").asBoolean()).as("%s", writes).isTrue();
        assertThat(writes.path("targetWritesBeforeFault").asLong()).isGreaterThanOrEqualTo(
                Fault.WRITES_BEFORE_WATCH_ALARM);
        assertThat(writes.path("carriedBack").asLong())
                .isEqualTo(writes.path("acknowledgedBySide").path("target").asLong());
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean())
                .as("%s", report.path("sourceWritableAfter")).isTrue();
        assertThat(report.path("dms").path("reverseTask").path("errors")).isEmpty();
        assertThat(result.safe()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"table-error@watch", "apply-exception@watch"})
    void aReverseTableLeftBehind_whileWatching_failsTheRollbackLoudly_namingTheTable_withNothingLost(String fault) {
        // GIVEN a DMS rehearsal whose reverse task stops applying the journal table to the source (a table in error,
        // or a change it logged as not applied) once the target took 100 writes
        RehearsalOptions options = options(fault);

        // WHEN it runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the watch caught it and rolled back, and the rollback refused before changing anything, naming the table
        JsonNode report = result.report();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("failed");
        assertThat(report.path("execution").path("error").asText()).isEqualTo("RollbackFailed");
        assertThat(report.path("execution").toString()).as("%s", report.path("execution"))
                .contains("ReverseReplicationUnrecoverableException", JOURNAL, "before the target's fence");
        assertThat(report.path("rollbackReaction").path("detectedBy").asText()).as("%s", report.path("faults"))
                .contains("watch: io.cutover.handlers.errors.ReverseReplicationBrokenException", JOURNAL);
        // AND the writer stayed on the target, which kept every write: nothing lost or duplicated
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("target");
        assertThat(report.path("finalWeights").path(RehearsalConfig.WRITER_GROUP).path("target").asInt())
                .isEqualTo(100);
        assertThat(writes.path("targetWritesBeforeFault").asLong()).isGreaterThanOrEqualTo(
                Fault.WRITES_BEFORE_WATCH_ALARM);
        assertThat(writes.path("acknowledgedByFinalPrimaryAfterLastWriterMove").asLong()).isPositive();
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        // AND that is what such a run must show: the rehearsal counts it as safe
        assertThat(result.safe()).isTrue();
    }

    private RehearsalOptions options(String fault) {
        return RehearsalOptions.defaults().withLoad(RATE, SPEED)
                .withReplication(RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ZERO))
                .withReportDir(dir.resolve("report")).withDataDir(dir.resolve("data")).withProgress(false)
                .withFaults(List.of(Fault.parse(fault, RehearsalConfig.READER_STEPS)));
    }
}
