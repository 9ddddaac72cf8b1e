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
 * in error or a change refused and logged as not applied is not carried by DMS (ReloadTables needs a full-load task;
 * the reverse task is CDC only): the rollback copies that table from the target once the target is fenced and the
 * reverse drain is done, and the run rolls back with every write on the source.
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
    @ValueSource(strings = {"table-error@watch", "apply-exception@watch", "validation-failed@watch"})
    void aReverseTableLeftBehind_whileWatching_rollsBack_copyingTheTableFromTheTarget_withNothingLost(String fault) {
        // GIVEN a DMS rehearsal whose reverse task stops applying the journal table to the source (a table in error,
        // or a change the source refused and DMS logged as not applied), or whose validation finds a row of it wrong
        // on the source, once the target took 100 writes
        RehearsalOptions options = options(fault);

        // WHEN it runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the watch caught it and the workflow rolled back by the switch in reverse
        JsonNode report = result.report();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        assertThat(report.path("rollbackReaction").path("detectedBy").asText()).as("%s", report.path("faults"))
                .contains("watch: io.cutover.handlers.errors.ReverseReplicationBrokenException", JOURNAL);
        // AND the rollback copied the journal table from the fenced, drained target, with rows DMS had left behind
        JsonNode copied = HandlerLogTasks.results(options.reportDir(), "rollback").stream()
                .map(r -> r.path("reverseSwitch").path("tablesCopiedFromTarget"))
                .filter(JsonNode::isObject).findFirst().orElseThrow();
        assertThat(copied.path("tables")).singleElement().satisfies(table -> {
            assertThat(table.path("table").asText()).isEqualTo(JOURNAL);
            // rows the task skipped are inserted; the row validation found wrong on the source is updated back
            assertThat(table.path(fault.startsWith("validation") ? "updated" : "inserted").asLong()).as("%s", table)
                    .isPositive();
            assertThat(table.path("deleted").asLong()).as("%s", table).isZero();
        });
        // AND every target write reached the source exactly once: nothing lost, duplicated or split
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("source");
        assertThat(writes.path("targetWritesBeforeFault").asLong()).isGreaterThanOrEqualTo(
                Fault.WRITES_BEFORE_WATCH_ALARM);
        assertThat(writes.path("carriedBack").asLong())
                .isEqualTo(writes.path("acknowledgedBySide").path("target").asLong());
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean())
                .as("%s", report.path("sourceWritableAfter")).isTrue();
        assertThat(result.safe()).isTrue();
    }

    private RehearsalOptions options(String fault) {
        return RehearsalOptions.defaults().withLoad(RATE, SPEED)
                .withReplication(RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ZERO))
                .withReportDir(dir.resolve("report")).withDataDir(dir.resolve("data")).withProgress(false)
                .withFaults(List.of(Fault.parse(fault, RehearsalConfig.READER_STEPS)));
    }
}
