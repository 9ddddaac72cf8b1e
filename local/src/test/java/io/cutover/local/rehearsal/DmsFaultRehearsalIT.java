package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.DmsTaskSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DMS stand-in's faults in whole rehearsals, one reader-step form and the switch forms that reach a different
 * check (kept to a few: each run costs a rehearsal). Each ends rolled back with nothing lost, duplicated or split,
 * and the report names the task whose check caught it.
 */
class DmsFaultRehearsalIT {
    private static final int RATE = 40;
    private static final double SPEED = 150;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource({
            "task-failed@50,        verifyHealth: io.cutover.handlers.errors.HealthCheckFailedException, status",
            "table-error@switch,    drain: io.cutover.handlers.errors.DmsTablesFailedAfterFenceException, Table error",
            "task-stopped@switch,   drain: io.cutover.handlers.errors.DrainTimeoutException, marker",
    })
    void dmsFault_rollsBack_withNothingLost_andTheReportNamesTheCheckThatCaughtIt(String fault, String caughtBy,
                                                                                  String because) {
        // GIVEN a DMS rehearsal with the task settings the CDK app deploys and the fault injected
        RehearsalOptions options = RehearsalOptions.defaults().withLoad(RATE, SPEED)
                .withReplication(RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ZERO))
                .withReportDir(dir.resolve("report")).withDataDir(dir.resolve("data")).withProgress(false)
                .withFaults(List.of(Fault.parse(fault, RehearsalConfig.READER_STEPS)));

        // WHEN it runs
        JsonNode report = Rehearsal.run(options, null).report();

        // THEN it rolled back through the named check, and no write was lost, duplicated or split
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("rolled_back");
        assertThat(report.path("rollbackReaction").path("detectedBy").asText()).as("%s", report.path("faults"))
                .contains(caughtBy, because);
        assertThat(report.path("writes").path("lost").asLong()).isZero();
        assertThat(report.path("writes").path("duplicated").asLong()).isZero();
        assertThat(report.path("writes").path("splitBrain").asLong()).isZero();
        assertThat(report.path("faults").toString()).contains(fault);
    }
}
