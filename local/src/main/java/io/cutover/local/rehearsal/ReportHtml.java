package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) rendered from report.json. */
public final class ReportHtml {
    private ReportHtml() {
    }

    public static String render(JsonNode report) {
        boolean reference = report.path("referenceDesign").asBoolean();
        String outcome = report.path("outcome").asText();
        boolean clean = RehearsalReport.nothingLost(report);
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Cutover rehearsal: %s</title>
                <style>
                body { font-family: sans-serif; margin: 24px; color: #1a202c; max-width: 1240px; }
                h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; }
                .badge { display: inline-block; padding: 3px 10px; border-radius: 4px; color: #fff; font-weight: bold; }
                .ok { background: #2f855a; } .bad { background: #c53030; } .ref { background: #975a16; }
                table { border-collapse: collapse; margin-top: 6px; } td, th { border: 1px solid #cbd5e0; padding: 4px 9px;
                text-align: left; vertical-align: top; font-size: 13px; } th { background: #edf2f7; }
                table.figures th { width: 420px; } td.n { text-align: right; font-variant-numeric: tabular-nums; } .muted { color: #718096; font-size: 13px; }
                .warn { background: #fefcbf; padding: 8px 12px; border-left: 4px solid #d69e2e; }
                </style></head><body>
                """.formatted(escape(report.path("strategy").asText() + " " + outcome)));
        html.append("<h1>Cutover rehearsal <span class=\"badge ").append(reference ? "ref" : clean ? "ok" : "bad")
                .append("\">").append(escape(outcome)).append("</span></h1>\n");
        html.append("<p class=\"muted\">").append(escape(report.path("strategyDescription").asText()))
                .append("<br>started ").append(escape(report.path("startedAt").asText())).append(", took ")
                .append(seconds(report.path("durationMs").asLong())).append(" — ")
                .append(escape(report.path("execution").path("startedVia").asText())).append("</p>\n");
        if (reference) {
            html.append("<p class=\"warn\">This run is the <b>reference design</b> the project replaces (weighted "
                    + "writes, no fence, no drain, no sequence sync), on the same load, to show what it costs.</p>\n");
        }
        html.append("<h2>Figures</h2>\n<table class=\"figures\">\n");
        JsonNode writes = report.path("writes");
        row(html, "outcome", outcome + execution(report.path("execution")));
        row(html, "final weights (source/target)", weights(report.path("finalWeights")));
        row(html, "writes attempted / acknowledged", writes.path("attempted").asLong() + " / "
                + writes.path("acknowledged").asLong());
        row(html, "writes lost (acknowledged, absent on the final primary: " + writes.path("finalPrimary").asText()
                + ")", Long.toString(writes.path("lost").asLong()));
        row(html, "writes duplicated", Long.toString(writes.path("duplicated").asLong()));
        row(html, "split-brain writes (accepted by the other side after the split point)",
                Long.toString(writes.path("splitBrain").asLong()));
        row(html, "write unavailability (longest gap between acknowledged writes)", millis(report.path("writeUnavailableMs")));
        JsonNode fts = report.path("fenceToSwitch");
        if (fts.path("totalMs").isNumber()) {
            StringBuilder parts = new StringBuilder();
            for (JsonNode step : fts.path("steps")) {
                parts.append(step.path("step").asText()).append(' ').append(step.path("ms").asLong()).append(" ms, ");
            }
            row(html, "fence → writer record moved (workflow tasks)", fts.path("totalMs").asLong() + " ms — " + parts
                    + "between tasks " + fts.path("betweenTasksMs").asLong() + " ms"
                    + (fts.path("sideBySideMs").asLong() > 0 ? " (" + fts.path("sideBySideMs").asLong()
                    + " ms of the steps ran side by side)" : "")
                    + (fts.path("clientsAfterRecordMs").isNumber() ? "; then clients reconnecting "
                    + fts.path("clientsAfterRecordMs").asLong() + " ms (TTL / --speed)" : ""));
        }
        JsonNode estimate = report.path("productionEstimate");
        if (estimate.path("withLoweredTtlMs").isNumber()) {
            row(html, "production estimate of the write gap (fence → switch + Route 53 propagation + TTL)",
                    seconds(estimate.path("withLoweredTtlMs").asLong()) + " with the lowered TTL ("
                            + estimate.path("loweredTtlSeconds").asInt() + " s), "
                            + seconds(estimate.path("withOriginalTtlMs").asLong()) + " with the original TTL ("
                            + estimate.path("originalTtlSeconds").asInt() + " s)");
        }
        if (report.path("database").path("filledRows").asLong() > 0) {
            row(html, "database (--rows)", report.path("database").path("filledRows").asLong() + " rows filled, "
                    + report.path("database").path("tables").asInt() + " tables, "
                    + report.path("database").path("sequences").asInt() + " sequences");
        }
        row(html, "rollback reaction (fault detected → every weight on the source)",
                millis(report.path("rollbackReactionMs")) + (report.path("rollbackReaction").path("detectedBy").isTextual()
                        ? " — detected by " + report.path("rollbackReaction").path("detectedBy").asText() : ""));
        JsonNode seq = report.path("sequences");
        row(html, "sequences checked / behind on the target", seq.path("checked").asInt() + " / "
                + seq.path("behind").asInt() + " — " + seq.path("compared").asText());
        JsonNode rows = report.path("rowCounts");
        row(html, "row counts: tables / mismatched", rows.path("tables").asInt() + " / " + rows.path("mismatched").asInt()
                + " — " + rows.path("measured").asText());
        JsonNode writable = report.path("sourceWritableAfter");
        row(html, "source writable for the app role at the end", (writable.path("writable").asBoolean() ? "yes" : "no")
                + (writable.path("error").isTextual() ? " — " + writable.path("error").asText() : ""));
        html.append("</table>\n");

        html.append("<h2>Benchmark goals (measured, not asserted)</h2>\n<table><tr><th>figure</th><th>goal</th>"
                + "<th>measured</th><th>met</th><th>conditions</th></tr>\n");
        for (JsonNode goal : report.path("goals")) {
            html.append("<tr><td>").append(escape(goal.path("figure").asText())).append("</td><td>")
                    .append(escape(goal.path("goal").asText())).append("</td><td class=\"n\">")
                    .append(goal.path("measured").isNumber() ? goal.path("measured").asLong() + " ms" : "n/a")
                    .append("</td><td>").append(goal.has("met") ? (goal.path("met").asBoolean() ? "yes" : "no") : "")
                    .append("</td><td>").append(escape(goal.path("conditions").asText(""))).append("</td></tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>Timeline</h2>\n<p class=\"muted\">Bands are the phases of the cutover; dashed lines mark "
                + "injected faults and the moment every weight was back on the source.</p>\n");
        html.append(TimelineChart.svg(report));

        html.append("<h2>Reads and writes per weight</h2>\n<p class=\"muted\">Each new connection resolves the "
                + "record by its weights; a connection then serves operations until it is recycled.</p>\n"
                + "<table><tr><th>record</th><th>weight source/target</th><th>source</th><th>target</th>"
                + "<th>target share observed</th><th>new connections source/target</th></tr>\n");
        for (JsonNode step : report.path("steps")) {
            boolean reader = "reader".equals(step.path("record").asText());
            JsonNode counts = reader ? step.path("reads") : step.path("writesAcknowledged");
            html.append("<tr><td>").append(reader ? "reader (reads served)" : "writer (writes acknowledged)")
                    .append("</td><td>").append(step.path("weight").path("source").asInt()).append("/")
                    .append(step.path("weight").path("target").asInt()).append("</td><td class=\"n\">")
                    .append(counts.path("source").asLong()).append("</td><td class=\"n\">")
                    .append(counts.path("target").asLong()).append("</td><td class=\"n\">")
                    .append(reader ? step.path("targetShareObserved").asDouble() + " %" : "").append("</td><td class=\"n\">")
                    .append(step.path("connectionsOpened").path("source").asLong()).append("/")
                    .append(step.path("connectionsOpened").path("target").asLong()).append("</td></tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>Phases</h2>\n<table><tr><th>phase</th><th>from (s)</th><th>to (s)</th><th>lasted</th></tr>\n");
        for (JsonNode phase : report.path("phases")) {
            long from = phase.path("startMs").asLong();
            long to = phase.path("endMs").asLong();
            html.append("<tr><td>").append(escape(phase.path("name").asText())).append("</td><td class=\"n\">")
                    .append(seconds(from)).append("</td><td class=\"n\">").append(seconds(to))
                    .append("</td><td class=\"n\">").append(to - from).append(" ms</td></tr>\n");
        }
        html.append("</table>\n");

        if (report.path("faults").size() > 0) {
            html.append("<h2>Injected faults</h2>\n<table><tr><th>fault</th><th>at (s)</th><th>what was done</th></tr>\n");
            for (JsonNode fault : report.path("faults")) {
                html.append("<tr><td>").append(escape(fault.path("fault").asText())).append("</td><td class=\"n\">")
                        .append(fault.path("atMs").isNumber() ? seconds(fault.path("atMs").asLong()) : "not injected")
                        .append("</td><td>").append(escape(fault.path("detail").asText())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if (report.path("readinessProblems").size() > 0) {
            html.append("<h2>Readiness problems</h2>\n<ul>\n");
            report.path("readinessProblems").forEach(p -> html.append("<li>").append(escape(p.asText())).append("</li>\n"));
            html.append("</ul>\n");
        }
        if (report.path("notes").size() > 0) {
            html.append("<h2>Notes</h2>\n<ul>\n");
            report.path("notes").forEach(n -> html.append("<li>").append(escape(n.asText())).append("</li>\n"));
            html.append("</ul>\n");
        }
        if (report.path("errorsBySqlState").size() > 0) {
            html.append("<h2>Failed attempts by SQLSTATE</h2>\n<table>\n");
            report.path("errorsBySqlState").fields().forEachRemaining(e -> html.append("<tr><td>")
                    .append(escape(e.getKey())).append("</td><td class=\"n\">").append(e.getValue().asLong())
                    .append("</td></tr>\n"));
            html.append("</table>\n");
        }
        html.append("<p class=\"muted\">Full data: report.json; the cutover config used: config.json; every handler "
                + "log line: handlers.log.</p>\n</body></html>\n");
        return html.toString();
    }

    private static String execution(JsonNode execution) {
        StringBuilder text = new StringBuilder();
        if (execution.path("name").isTextual()) {
            text.append(" — execution ").append(execution.path("name").asText());
        }
        text.append(" ").append(execution.path("status").asText());
        if (execution.path("error").isTextual()) {
            text.append(" ").append(execution.path("error").asText());
        }
        String cause = execution.path("causeMessage").asText(execution.path("cause").asText(""));
        if (!cause.isEmpty()) {
            text.append(": ").append(cause.length() > 300 ? cause.substring(0, 300) + "…" : cause);
        }
        return text.toString();
    }

    private static String weights(JsonNode weights) {
        StringBuilder text = new StringBuilder();
        weights.fields().forEachRemaining(e -> text.append(text.isEmpty() ? "" : ", ").append(e.getKey()).append(" ")
                .append(e.getValue().path("source").asInt()).append("/").append(e.getValue().path("target").asInt()));
        return text.toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    private static String millis(JsonNode value) {
        return value.isNumber() ? value.asLong() + " ms" : "—";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
