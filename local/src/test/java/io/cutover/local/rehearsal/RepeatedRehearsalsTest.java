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
    void median_ofAnEvenCount_isTheMeanOfTheTwoMiddleRuns() {
        assertThat(RepeatedRehearsals.median(new long[] {100, 200, 600, 700})).isEqualTo(400);
        assertThat(RepeatedRehearsals.median(new long[] {5})).isEqualTo(5);
    }

    @Test
    void summary_ofNoRuns_isRefused() {
        assertThatThrownBy(() -> RepeatedRehearsals.summary(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
