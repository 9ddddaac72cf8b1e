package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import java.util.List;
import java.util.Locale;

/**
 * The figures of several rehearsals of one set of options: one run's write-unavailable window depends on where the
 * fence fell between the load's commits and on the machine, so a single figure says little; the median says what to
 * expect and the worst what to plan for.
 */
public final class RepeatedRehearsals {
    public static final int MAX_RUNS = 50;

    private RepeatedRehearsals() {
    }

    /** The summary of finished runs, in run order. */
    public static ObjectNode summary(List<RehearsalResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("runs", runs.size());
        summary.put("safeRuns", runs.stream().filter(RehearsalResult::safe).count());
        long[] windows = runs.stream().mapToLong(r -> r.report().path("writeUnavailableMs").asLong()).sorted()
                .toArray();
        summary.put("writeUnavailableMsMedian", median(windows));
        summary.put("writeUnavailableMsWorst", windows[windows.length - 1]);
        summary.put("writeUnavailableMsBest", windows[0]);
        // The workflow's part of the window (fence → writer record), over the runs whose writer moved.
        long[] fenceToSwitch = runs.stream().map(r -> r.report().path("fenceToSwitch").path("totalMs"))
                .filter(JsonNode::isNumber).mapToLong(JsonNode::asLong).sorted().toArray();
        if (fenceToSwitch.length > 0) {
            summary.put("fenceToSwitchMsMedian", median(fenceToSwitch));
            summary.put("fenceToSwitchMsWorst", fenceToSwitch[fenceToSwitch.length - 1]);
        }
        ArrayNode each = summary.putArray("each");
        for (int i = 0; i < runs.size(); i++) {
            JsonNode report = runs.get(i).report();
            each.addObject().put("run", i + 1).put("outcome", report.path("outcome").asText())
                    .put("safe", runs.get(i).safe()).put("writeUnavailableMs", report.path("writeUnavailableMs")
                            .asLong()).put("report", runs.get(i).reportJson().toString());
            if (report.path("fenceToSwitch").path("totalMs").isNumber()) {
                ((ObjectNode) each.get(i)).put("fenceToSwitchMs", report.path("fenceToSwitch").path("totalMs").asLong());
            }
        }
        return summary;
    }

    /** The middle value; for an even count, the mean of the two middle ones. */
    static double median(long[] sorted) {
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** The lines printed after the last run. */
    public static List<String> lines(JsonNode summary) {
        List<String> lines = new java.util.ArrayList<>(List.of(String.format(Locale.ROOT,
                        "repeated          %d runs, %d safe", summary.path("runs").asInt(),
                        summary.path("safeRuns").asInt()),
                String.format(Locale.ROOT, "write unavailable median %.0f ms, worst %d ms, best %d ms",
                        summary.path("writeUnavailableMsMedian").asDouble(),
                        summary.path("writeUnavailableMsWorst").asLong(),
                        summary.path("writeUnavailableMsBest").asLong())));
        if (summary.has("fenceToSwitchMsMedian")) {
            lines.add(String.format(Locale.ROOT, "fence → switch median %.0f ms, worst %d ms",
                    summary.path("fenceToSwitchMsMedian").asDouble(), summary.path("fenceToSwitchMsWorst").asLong()));
        }
        return lines;
    }
}
