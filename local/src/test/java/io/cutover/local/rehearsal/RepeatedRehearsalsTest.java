package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedRehearsalsTest {
    private static RehearsalResult run(long writeUnavailableMs, boolean safe) {
        var report = Json.MAPPER.createObjectNode().put("outcome", "completed")
                .put("writeUnavailableMs", writeUnavailableMs);
        return new RehearsalResult(report, Path.of("run", "report.json"), Path.of("run", "report.html"), safe);
    }

    @Test
    void summary_givesTheMedianAndTheWorstWindow_whateverTheRunOrder() {
        JsonNode summary = RepeatedRehearsals.summary(List.of(run(900, true), run(300, true), run(2_400, false)));

        assertThat(summary.path("runs").asInt()).isEqualTo(3);
        assertThat(summary.path("safeRuns").asInt()).isEqualTo(2);
        assertThat(summary.path("writeUnavailableMsMedian").asDouble()).isEqualTo(900);
        assertThat(summary.path("writeUnavailableMsWorst").asLong()).isEqualTo(2_400);
        assertThat(summary.path("writeUnavailableMsBest").asLong()).isEqualTo(300);
        assertThat(summary.path("each").get(2).path("safe").asBoolean()).isFalse();
        assertThat(String.join("\n", RepeatedRehearsals.lines(summary)))
                .contains("3 runs, 2 safe", "median 900 ms, worst 2400 ms, best 300 ms");
    }

    @Test
    void summary_givesTheFenceToSwitchMedianAndWorst_overTheRunsWhoseWriterMoved() {
        // GIVEN two runs with a fence → switch stretch (400, 700 ms) and one rolled back before the switch
        RehearsalResult first = run(900, true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.report()).putObject("fenceToSwitch").put("totalMs", 400);
        RehearsalResult second = run(1_100, true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) second.report()).putObject("fenceToSwitch").put("totalMs", 700);
        RehearsalResult rolledBack = run(300, true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) rolledBack.report()).putObject("fenceToSwitch")
                .putNull("totalMs");

        // WHEN summarised
        JsonNode summary = RepeatedRehearsals.summary(List.of(first, second, rolledBack));

        // THEN the rolled-back run does not count
        assertThat(summary.path("fenceToSwitchMsMedian").asDouble()).isEqualTo(550);
        assertThat(summary.path("fenceToSwitchMsWorst").asLong()).isEqualTo(700);
        assertThat(String.join("\n", RepeatedRehearsals.lines(summary))).contains("fence → switch median 550 ms, worst 700 ms");
    }

    @Test
    void median_ofAnEvenCount_isTheMeanOfTheTwoMiddleRuns() {
        assertThat(RepeatedRehearsals.median(new long[] {100, 200, 600, 700})).isEqualTo(400);
        assertThat(RepeatedRehearsals.median(new long[] {5})).isEqualTo(5);
    }

    @Test
    void summary_ofNoRuns_isRefused() {
        assertThatThrownBy(() -> RepeatedRehearsals.summary(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
