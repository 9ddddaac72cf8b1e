package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {

    @Test
    void render_drawsTheTimelineAsInlineSvg_withOneBandPerPhase_andTheSeries() {
        // GIVEN a report with three phases and a short timeline
        ObjectNode report = report();

        // WHEN it is rendered
        String html = ReportHtml.render(report);

        // THEN the page holds one inline svg with a band per phase, the weight, rate and lag series, and no script
        assertThat(count(html, "<svg ")).isEqualTo(1);
        assertThat(count(html, "class=\"phase-band\"")).isEqualTo(3);
        assertThat(html).contains("data-phase=\"readers 50%\"", "data-phase=\"fence\"", "data-phase=\"rollback\"");
        assertThat(html).contains("data-series=\"writer record (dashed)\"", "data-series=\"reader record\"",
                "data-series=\"acknowledged writes/s\"", "data-series=\"reads/s\"", "data-series=\"lag\"");
        assertThat(html).as("nothing is fetched or run").doesNotContain("<script", " src=", " href=", "@import", "url(");
        assertThat(html).contains("class=\"errors\"");
    }

    @Test
    void render_marksInjectedFaults_andTheMomentTheWeightsWereBack() {
        // GIVEN a report with an injected fault and a rollback reaction
        ObjectNode report = report();

        // WHEN it is rendered
        String html = ReportHtml.render(report);

        // THEN both are drawn as markers and listed
        assertThat(html).contains("fault lag@50", "all weights on source", "Injected faults");
    }

    @Test
    void render_escapesEveryTextFromTheRun() {
        // GIVEN a phase and a note carrying markup
        ObjectNode report = report();
        ((ObjectNode) report.withArray("phases").get(0)).put("name", "<img src=x onerror=alert(1)>");
        report.putArray("notes").add("a & b <b>bold</b>");

        // WHEN it is rendered
        String html = ReportHtml.render(report);

        // THEN the markup is text
        assertThat(html).doesNotContain("<img src=x", "<b>bold</b>")
                .contains("&lt;img src=x onerror=alert(1)&gt;", "a &amp; b &lt;b&gt;bold&lt;/b&gt;");
    }

    private static ObjectNode report() {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("strategy", "fenced-switch");
        report.put("outcome", "rolled_back");
        report.put("durationMs", 10_000);
        ObjectNode weights = report.putObject("finalWeights");
        weights.putObject("rehearsal-reader").put("source", 100).put("target", 0);
        weights.putObject("rehearsal-writer").put("source", 100).put("target", 0);
        report.putObject("writes").put("attempted", 10).put("acknowledged", 10).put("lost", 0).put("duplicated", 0)
                .put("splitBrain", 0).put("finalPrimary", "source");
        ArrayNode phases = report.putArray("phases");
        phase(phases, "readers 50%", 1_000, 6_000);
        phase(phases, "fence", 6_000, 6_300);
        phase(phases, "rollback", 6_300, 6_400);
        ArrayNode timeline = report.putArray("timeline");
        for (int t = 0; t <= 9_000; t += 250) {
            ObjectNode sample = timeline.addObject();
            sample.put("t", t);
            sample.put("phase", "x");
            int target = t >= 1_000 && t < 6_400 ? 50 : 0;
            sample.putObject("weights").set("rehearsal-reader", Json.MAPPER.createObjectNode()
                    .put("source", 100 - target).put("target", target));
            ((ObjectNode) sample.get("weights")).putObject("rehearsal-writer").put("source", 100).put("target", 0);
            sample.put("lagBytes", t % 1_000);
            sample.put("writesPerSecond", 100);
            sample.put("readsPerSecond", 95);
            sample.put("errors", t == 6_250 ? 4 : 0);
        }
        report.putArray("faults").addObject().put("fault", "lag@50").put("atMs", 1_200).put("detail", "disabled");
        report.putObject("rollbackReaction").put("detectedBy", "task failed").put("weightsBackOnSourceMs", 6_350);
        report.put("rollbackReactionMs", 45);
        return report;
    }

    private static void phase(ArrayNode phases, String name, long start, long end) {
        phases.addObject().put("name", name).put("startMs", start).put("endMs", end).put("start", "s").put("end", "e");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
