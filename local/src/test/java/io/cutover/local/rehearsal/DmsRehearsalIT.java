package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.DmsTaskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cutover rehearse --replication dms}: the production workflow over the DMS stand-in, which the handlers
 * reach only through DmsCloudWatchProbe on SDK clients. The DMS drain itself is issue 17; these runs prove the
 * readers move on the probe's figures and the writer gate's refusal without the status table.
 */
class DmsRehearsalIT {
    private static final int RATE = 40;
    private static final double SPEED = 150;

    @TempDir
    Path dir;

    @Test
    void dmsRehearsal_completes_throughTheMarkerDrain_withNoWriteLostDuplicatedOrSplit() {
        // GIVEN a rehearsal over DMS with the task settings the CDK app deploys and a 0.2 s apply delay
        RehearsalOptions options = options(RehearsalReplication.dms(DmsTaskSettings.defaults(),
                Duration.ofMillis(200)));

        // WHEN it runs
        JsonNode report = Rehearsal.run(options, null).report();

        // THEN the report says DMS ran, and the readers went through every step to 100 %
        assertThat(report.path("replication").asText()).isEqualTo("dms");
        assertThat(report.path("replicationDescription").asText()).contains("stand-in", "transactional apply");
        assertThat(phaseNames(report)).as("%s %s", report.path("execution"), report.path("dms"))
                .containsSubsequence("reader gate", "readers 20%", "readers 50%", "readers 80%", "readers 100%");
        // AND the readiness lines the operator saw are the stand-in's CDC latency, as GetMetricData returned it
        assertThat(report.path("operator")).anySatisfy(entry -> assertThat(entry.path("checks"))
                .anySatisfy(check -> {
                    assertThat(check.path("name").asText()).isEqualTo("task REHEARSALTASK CDC latency");
                    assertThat(check.path("observed").asText()).matches("last 3: [0-9.]+ s, [0-9.]+ s, [0-9.]+ s");
                }));
        assertThat(RehearsalReport.summary(report)).anySatisfy(line -> assertThat(line)
                .startsWith("readiness").contains("task REHEARSALTASK CDC latency last 3:"));
        // AND the drain saw its marker on the target, so the writer moved and the cutover completed
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("completed");
        assertThat(phaseNames(report)).containsSubsequence("fence", "drain", "writer switch", "watch", "completed");
        assertThat(report.path("writes").path("lost").asLong()).isZero();
        assertThat(report.path("writes").path("duplicated").asLong()).isZero();
        assertThat(report.path("writes").path("splitBrain").asLong()).isZero();
        assertThat(report.path("dms").path("errors")).as("the stand-in's own problems").isEmpty();
    }

    @Test
    void dmsRehearsal_rollsBack_whenDmsLogsAnApplyExceptionAfterTheFence_throughTheDrainsOwnCheck() {
        // GIVEN a DMS rehearsal in which the task logs a change it could not apply as the drain begins
        RehearsalOptions options = options(RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ZERO))
                .withFaults(List.of(Fault.parse("apply-exception@drain", List.of(20, 50, 80, 100))));

        // WHEN it runs
        JsonNode report = Rehearsal.run(options, null).report();

        // THEN the drain failed naming the exception, the workflow rolled back, and no write was lost
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        assertThat(report.path("execution").toString()).contains("DmsApplyExceptionsAfterFenceException",
                "awsdms_apply_exceptions");
        assertThat(report.path("writes").path("lost").asLong()).isZero();
        assertThat(report.path("writes").path("splitBrain").asLong()).isZero();
    }

    @Test
    void dmsAlarmWhileWatchingAfterTheSwitch_rollsBack_throughTheReverseTask_carryingEveryTargetWriteBack() {
        // GIVEN a DMS rehearsal whose alarm fires while watching after the switch, once the target took 100 writes
        RehearsalOptions options = options(RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ZERO))
                .withFaults(List.of(Fault.parse("alarm@watch", RehearsalConfig.READER_STEPS)));

        // WHEN it runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the switch stopped the forward task and started the reverse one from the switch position
        JsonNode report = result.report();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        assertThat(phaseNames(report)).as("%s", report.path("execution")).containsSubsequence("writer switch", "watch");
        assertThat(report.path("dms").path("status").asText()).as("%s", report.path("dms")).isEqualTo("stopped");
        assertThat(report.path("dms").path("reverseTask").path("status").asText())
                .as("%s", report.path("dms")).isEqualTo("running");
        // AND the rollback was the switch in reverse: every write the target acknowledged is on the source, once
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("source");
        assertThat(writes.path("reverseSwitch").asBoolean()).as("%s", writes).isTrue();
        assertThat(writes.path("targetWritesBeforeAlarm").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(writes.path("carriedBack").asLong()).as("%s", writes)
                .isEqualTo(writes.path("acknowledgedBySide").path("target").asLong());
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(report.path("finalWeights").path(RehearsalConfig.WRITER_GROUP).path("target").asInt()).isZero();
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean())
                .as("%s", report.path("sourceWritableAfter")).isTrue();
        assertThat(report.path("dms").path("errors")).as("the stand-in's own problems").isEmpty();
        assertThat(report.path("dms").path("reverseTask").path("errors")).isEmpty();
        // AND the rollback's own report bounds the row changes it carried back: each write changed at least a row
        assertThat(HandlerLogTasks.results(options.reportDir(), "rollback")).anySatisfy(rollback ->
                assertThat(rollback.path("reverseSwitch").path("rowChangesCarriedBack").asLong(-1))
                        .as("%s", rollback.path("reverseSwitch"))
                        .isGreaterThanOrEqualTo(writes.path("acknowledgedBySide").path("target").asLong()));
        assertThat(result.safe()).isTrue();
    }

    @Test
    void dmsRehearsal_withTheStatusTableDisabled_isRefusedAtTheWriterGate_namingTheSetting() {
        // GIVEN task settings with ControlTablesSettings.StatusTableEnabled false
        RehearsalOptions options = options(RehearsalReplication.dms(new DmsTaskSettings(false,
                DmsTaskSettings.DEFAULT_CONTROL_SCHEMA, false, 1000, 1, "DO_NOTHING"), Duration.ZERO));

        // WHEN it runs
        JsonNode report = Rehearsal.run(options, null).report();

        // THEN manual_cutover's writer gate refused, naming the setting, and no workflow started
        assertThat(report.path("operator")).anySatisfy(entry -> {
            assertThat(entry.path("call").asText()).isEqualTo("CutoverApi manual_cutover");
            assertThat(entry.path("outcome").asText()).isEqualTo("refused");
            assertThat(entry.path("message").asText()).contains(DmsTaskSettings.STATUS_TABLE_SETTING + " false",
                    "awsdms_status");
        });
        assertThat(report.path("outcome").asText()).isEqualTo("not_started");
        assertThat(report.path("writes").path("lost").asLong()).isZero();
    }

    private RehearsalOptions options(RehearsalReplication replication) {
        return RehearsalOptions.defaults().withLoad(RATE, SPEED).withReplication(replication)
                .withReportDir(dir.resolve("report")).withDataDir(dir.resolve("data")).withProgress(false);
    }

    private static List<String> phaseNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("phases").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }
}
