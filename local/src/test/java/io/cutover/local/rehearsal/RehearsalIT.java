package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Short rehearsals end to end: two real PostgreSQL servers, the application load through the weighted records, the
 * production state machine and handlers. Low rate and high speed keep them short; only safety figures are asserted,
 * never timings.
 */
class RehearsalIT {
    private static final int RATE = 40;
    private static final double SPEED = 150;

    @TempDir
    Path dir;

    @Test
    void shortRehearsal_completes_withNothingLostSplitOrDuplicated_sequencesAhead_andRowCountsMatched()
            throws IOException {
        // GIVEN the default rehearsal, shortened
        RehearsalOptions options = options(List.of());

        // WHEN it runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the cutover completed and every acknowledged write is on the target exactly once
        JsonNode report = result.report();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("completed");
        JsonNode writes = report.path("writes");
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(writes.path("acknowledgedBySide").path("source").asLong()).as("writes before the switch")
                .isPositive();
        assertThat(writes.path("acknowledgedBySide").path("target").asLong()).as("writes after the switch")
                .isPositive();
        assertThat(report.path("finalWeights").path(RehearsalConfig.WRITER_GROUP).path("target").asInt())
                .isEqualTo(100);
        assertThat(report.path("sequences").path("checked").asInt()).as("owned, unowned and identity").isEqualTo(3);
        assertThat(report.path("sequences").path("behind").asInt()).isZero();
        assertThat(report.path("rowCounts").path("tables").asInt()).isEqualTo(2);
        assertThat(report.path("rowCounts").path("mismatched").asInt()).isZero();
        assertThat(phaseNames(report)).containsSubsequence("reader gate", "readers 20%", "readers 100%", "fence",
                "drain", "writer switch", "completed");
        assertThat(report.path("writeUnavailableMs").isNumber()).isTrue();
        // The fence → switch stretch is broken into the workflow's tasks, and estimated for production
        assertThat(report.path("fenceToSwitch").path("steps")).extracting(s -> s.path("step").asText())
                .containsSubsequence("fence", "drain", "counts", "record change").contains("sequences");
        assertThat(report.path("productionEstimate").path("withLoweredTtlMs").asLong())
                .isGreaterThan(report.path("fenceToSwitch").path("totalMs").asLong());
        // Split-brain was judged by commit position: the source's commits were decoded against the fence LSN
        assertThat(writes.path("fenceLsn").asText()).contains("/");
        assertThat(writes.path("sourceCommitsDecoded").asLong())
                .isGreaterThanOrEqualTo(writes.path("acknowledgedBySide").path("source").asLong());
        assertThat(writes.path("sourceCommitsPastFenceLsn").asLong()).isZero();
        assertThat(Files.readString(result.reportHtml())).contains("<svg ", "class=\"phase-band\"",
                "fence → writer record moved");
        assertThat(result.safe()).isTrue();
    }

    @Test
    void sourceSlowDuringTheDrain_rollsBack_withNothingLost_andTheSourceWritableAgain() {
        // GIVEN the source stops sending replication once the drain starts
        RehearsalOptions options = options(List.of(Fault.parse("source-slow@drain", RehearsalConfig.READER_STEPS)));

        // WHEN the rehearsal runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the drain deadline passed, the workflow rolled back, and nothing acknowledged was lost or split
        JsonNode report = result.report();
        assertThat(report.path("faults").get(0).path("atMs").isNumber()).as("%s", report.path("faults")).isTrue();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("source");
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(writes.path("acknowledgedBySide").path("target").asLong()).isZero();
        assertThat(report.path("finalWeights").path(RehearsalConfig.WRITER_GROUP).path("target").asInt()).isZero();
        assertThat(report.path("finalWeights").path(RehearsalConfig.READER_GROUP).path("target").asInt()).isZero();
        assertThat(phaseNames(report)).containsSubsequence("fence", "drain", "rollback");
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean())
                .as("%s", report.path("sourceWritableAfter")).isTrue();
        assertThat(report.path("rollbackReactionMs").isNumber()).as("%s", report.path("rollbackReaction")).isTrue();
        assertThat(result.safe()).isTrue();
    }

    @Test
    void alarmWhileWatchingAfterTheSwitch_rollsBack_carryingEveryTargetWriteBack_withNothingLostSplitOrDuplicated() {
        // GIVEN an alarm while watching after the switch, once the target acknowledged at least 100 writes
        RehearsalOptions options = options(List.of(Fault.parse("alarm@watch", RehearsalConfig.READER_STEPS)));

        // WHEN the rehearsal runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN it rolled back by the switch in reverse: every target write is on the source, once
        JsonNode report = result.report();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("source");
        assertThat(writes.path("reverseSwitch").asBoolean()).as("%s", writes).isTrue();
        assertThat(writes.path("targetWritesBeforeAlarm").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(writes.path("carriedBack").asLong())
                .isEqualTo(writes.path("acknowledgedBySide").path("target").asLong());
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(report.path("finalWeights").path(RehearsalConfig.WRITER_GROUP).path("target").asInt()).isZero();
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean())
                .as("%s", report.path("sourceWritableAfter")).isTrue();
        assertThat(report.path("rollbackReactionMs").isNumber()).as("%s", report.path("rollbackReaction")).isTrue();
        // AND the rollback's own report bounds the row changes it carried back: each write changed at least a row
        assertThat(HandlerLogTasks.results(options.reportDir(), "rollback")).anySatisfy(rollback ->
                assertThat(rollback.path("reverseSwitch").path("rowChangesCarriedBack").asLong(-1))
                        .as("%s", rollback.path("reverseSwitch"))
                        .isGreaterThanOrEqualTo(writes.path("acknowledgedBySide").path("target").asLong()));
        assertThat(result.safe()).isTrue();
    }

    @Test
    void longLivedPooledConnections_afterARollbackFromTheDrain_writeAgain_becauseTheUnfenceEndsTheirReadOnlySessions() {
        // GIVEN application connections kept for 10 minutes, as a pool would, and a rollback after the fence
        RehearsalOptions options = options(List.of(Fault.parse("source-slow@drain", RehearsalConfig.READER_STEPS)))
                .withPoolLifetime(Duration.ofMinutes(10));

        // WHEN the rehearsal runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the sessions the application opened while the source was fenced did not stay read-only: nothing lost,
        // the writes after the rollback were acknowledged by the source
        JsonNode report = result.report();
        assertThat(report.path("load").path("connectionLifetimeMs").asLong()).isEqualTo(600_000);
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        assertThat(report.path("writes").path("lost").asLong()).isZero();
        assertThat(report.path("writes").path("splitBrain").asLong()).isZero();
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean()).isTrue();
        assertThat(result.safe()).isTrue();
    }

    @Test
    void longLivedPooledConnections_afterACompletedSwitch_writeToTheTarget_becauseTheirFencedSourceSessionsAreEnded() {
        // GIVEN application connections kept for 10 minutes, as a pool keeps them even after a read-only error
        RehearsalOptions options = options(List.of()).withPoolLifetime(Duration.ofMinutes(10));

        // WHEN the cutover runs to the end
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the sessions opened on the fenced source did not keep the writers there: the target acknowledged
        // writes after the writer moved (without ending them, none for 10 minutes)
        JsonNode writes = result.report().path("writes");
        assertThat(result.report().path("outcome").asText()).as("%s", result.report().path("execution"))
                .isEqualTo("completed");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("target");
        assertThat(writes.path("acknowledgedByFinalPrimaryAfterLastWriterMove").asLong()).isPositive();
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(result.safe()).isTrue();
    }

    @Test
    void targetDownAtTheSwitch_rollsBackBeforeTheWriterMoves_withNothingLost_andTheSourceWritableAgain() {
        // GIVEN the target refuses connections just before the writer switch (reverse replication already started)
        RehearsalOptions options = options(List.of(Fault.parse("target-down@switch", RehearsalConfig.READER_STEPS)));

        // WHEN the rehearsal runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the writer never moved: a rollback of traffic only, every write on the source, the source writable
        assertRolledBackBeforeTheWriterMoved(result);
    }

    @Test
    void alarmAtEightyPercent_rollsBackBeforeTheFence_withNothingLost_andTheSourceWritableAgain() {
        // GIVEN a watched alarm fires after the reader shift to 80 %
        RehearsalOptions options = options(List.of(Fault.parse("alarm@80", RehearsalConfig.READER_STEPS)));

        // WHEN the rehearsal runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN the alarm function rolled back: readers back, nothing lost, the source writable
        assertRolledBackBeforeTheWriterMoved(result);
    }

    private static void assertRolledBackBeforeTheWriterMoved(RehearsalResult result) {
        JsonNode report = result.report();
        assertThat(report.path("faults").get(0).path("atMs").isNumber()).as("%s", report.path("faults")).isTrue();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("source");
        assertThat(writes.path("reverseSwitch").asBoolean()).as("the writer never moved").isFalse();
        assertThat(writes.path("acknowledgedBySide").path("target").asLong()).isZero();
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(report.path("finalWeights").path(RehearsalConfig.WRITER_GROUP).path("target").asInt()).isZero();
        assertThat(report.path("finalWeights").path(RehearsalConfig.READER_GROUP).path("target").asInt()).isZero();
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean())
                .as("%s", report.path("sourceWritableAfter")).isTrue();
        assertThat(result.safe()).isTrue();
    }

    @ParameterizedTest(name = "{0} is stopped by {1}")
    @CsvSource({
            "sequence-missing@switch, SequenceSyncIncompleteException",
            "replica-role@switch, SessionReplicationRoleNotOriginException",
            "prepared-xact@fence, FenceRefusedException",
            "fence-bypass@drain, FenceBypassedException"})
    void aSwitchCheckFault_rollsBackBeforeTheWriterMoves_withNothingLost_andTheReportNamesTheCheck(String fault,
                                                                                                  String check) {
        // GIVEN a fault only a check of the writer switch can catch
        RehearsalOptions options = options(List.of(Fault.parse(fault, RehearsalConfig.READER_STEPS)));

        // WHEN the rehearsal runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN it was injected, the check stopped the switch and the workflow rolled back; the writer never moved
        JsonNode report = result.report();
        assertThat(report.path("faults").get(0).path("detail").asText()).as("%s", report.path("faults"))
                .doesNotStartWith("not injected");
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        assertThat(report.path("execution").path("causeMessage").asText()).startsWith("io.cutover.handlers.errors."
                + check);
        JsonNode writes = report.path("writes");
        assertThat(writes.path("finalPrimary").asText()).isEqualTo("source");
        assertThat(writes.path("acknowledgedBySide").path("target").asLong()).as("no write went to the target")
                .isZero();
        assertThat(writes.path("lost").asLong()).isZero();
        assertThat(writes.path("splitBrain").asLong()).isZero();
        assertThat(writes.path("duplicated").asLong()).isZero();
        assertThat(report.path("finalWeights").path(RehearsalConfig.WRITER_GROUP).path("target").asInt()).isZero();
        assertThat(report.path("sourceWritableAfter").path("writable").asBoolean())
                .as("%s", report.path("sourceWritableAfter")).isTrue();
        assertThat(result.safe()).isTrue();
    }

    private RehearsalOptions options(List<Fault> faults) {
        return RehearsalOptions.defaults().withLoad(RATE, SPEED).withFaults(faults)
                .withReportDir(dir.resolve("report")).withDataDir(dir.resolve("data")).withProgress(false);
    }

    private static List<String> phaseNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("phases").forEach(p -> names.add(p.path("name").asText()));
        return names;
    }
}
