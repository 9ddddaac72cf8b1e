package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report's timeline as inline SVG (no script, no external resource): phase bands across three panels sharing
 * the time axis — weights on the target per record, application write and read rates with errors, replication
 * lag — and a marker for each injected fault and for the moment every weight was back on the source.
 */
final class TimelineChart {
    static final int WIDTH = 1200;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 46;
    private static final int PANEL_HEIGHT = 130;
    private static final int PANEL_GAP = 34;
    private static final String[] BAND_COLOURS = {"#e8eef7", "#f4ecdf", "#e6f2e8", "#f1e6f0", "#eef0e0", "#e3f0f2"};

    private TimelineChart() {
    }

    static String svg(JsonNode report) {
        JsonNode timeline = report.path("timeline");
        double end = Math.max(1, report.path("durationMs").asDouble(lastT(timeline)));
        for (JsonNode phase : report.path("phases")) {
            end = Math.max(end, phase.path("endMs").asDouble());
        }
        int height = TOP + 3 * PANEL_HEIGHT + 2 * PANEL_GAP + 40;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double duration = end;
        ToDoubleFunction<Double> x = ms -> LEFT + plotWidth * Math.max(0, Math.min(ms, duration)) / duration;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, height, WIDTH, height));
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>\n");
        bands(svg, report.path("phases"), x, height);
        String writer = null;
        String reader = null;
        for (java.util.Iterator<String> groups = report.path("finalWeights").fieldNames(); groups.hasNext(); ) {
            String group = groups.next();
            if (group.contains("writer")) {
                writer = group;
            } else {
                reader = group;
            }
        }
        int top1 = TOP;
        int top2 = TOP + PANEL_HEIGHT + PANEL_GAP;
        int top3 = top2 + PANEL_HEIGHT + PANEL_GAP;
        panel(svg, top1, "weight on the target (%)", 100, "%");
        if (reader != null) {
            line(svg, timeline, x, top1, 100, targetPercent(reader), "#2b6cb0", "reader record", 0);
        }
        if (writer != null) {
            line(svg, timeline, x, top1, 100, targetPercent(writer), "#c53030", "writer record (dashed)", 1, true);
        }
        double rateMax = niceMax(max(timeline, s -> Math.max(s.path("writesPerSecond").asDouble(),
                s.path("readsPerSecond").asDouble())));
        panel(svg, top2, "application operations per second", rateMax, "/s");
        errors(svg, timeline, x, top2);
        line(svg, timeline, x, top2, rateMax, s -> s.path("writesPerSecond").asDouble(), "#c53030",
                "acknowledged writes/s", 0);
        line(svg, timeline, x, top2, rateMax, s -> s.path("readsPerSecond").asDouble(), "#2b6cb0", "reads/s", 1);
        legendEntry(svg, top2, 2, "#e53e3e", "failed attempts (bars)");
        double lagMax = niceMax(max(timeline, s -> s.path("lagBytes").asDouble(0)) / 1024.0);
        panel(svg, top3, "replication lag (KB the slot has not confirmed)", lagMax, " KB");
        line(svg, timeline, x, top3, lagMax, s -> s.path("lagBytes").isNumber() ? s.path("lagBytes").asDouble() / 1024.0
                : Double.NaN, "#2f855a", "lag", 0);
        markers(svg, report, x, height);
        axis(svg, duration, x, top3 + PANEL_HEIGHT);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** A sample's weight on the target for one record group, in percent of its total weight. */
    private static ToDoubleFunction<JsonNode> targetPercent(String group) {
        return s -> s.path("weights").path(group).path("target").asDouble()
                * 100.0 / Math.max(1, s.path("weights").path(group).path("source").asInt()
                + s.path("weights").path(group).path("target").asInt());
    }

    private static void bands(StringBuilder svg, JsonNode phases, ToDoubleFunction<Double> x, int height) {
        int i = 0;
        for (JsonNode phase : phases) {
            double x1 = x.applyAsDouble(phase.path("startMs").asDouble());
            double x2 = Math.max(x1 + 1, x.applyAsDouble(phase.path("endMs").asDouble()));
            String name = phase.path("name").asText();
            String colour = name.startsWith("rollback") ? "#fbd5d5" : name.equals("completed") ? "#c6f6d5"
                    : BAND_COLOURS[i++ % BAND_COLOURS.length];
            svg.append(String.format(Locale.ROOT, "<g class=\"phase-band\" data-phase=\"%s\"><title>%s</title>"
                            + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", ReportHtml.escape(name),
                    ReportHtml.escape(name + " " + phase.path("start").asText() + " → " + phase.path("end").asText()),
                    x1, TOP - 30, x2 - x1, height - TOP - 10, colour));
            if (x2 - x1 >= 30) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#4a5568\">%s</text>",
                        x1 + 3, TOP - 18, ReportHtml.escape(fit(name, (x2 - x1 - 6) / 6.2))));
            }
            svg.append("</g>\n");
        }
    }

    private static void panel(StringBuilder svg, int top, String title, double max, String unit) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\" fill=\"#2d3748\">%s</text>%n",
                LEFT, top - 4, ReportHtml.escape(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#a0aec0\"/>%n", LEFT, top, WIDTH - LEFT - RIGHT, PANEL_HEIGHT));
        for (int i = 0; i <= 4; i++) {
            double y = top + PANEL_HEIGHT - PANEL_HEIGHT * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e2e8f0\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#4a5568\">%s%s</text>%n", LEFT, y,
                    WIDTH - RIGHT, y, LEFT - 4, y + 4, number(max * i / 4.0), unit));
        }
    }

    private static void line(StringBuilder svg, JsonNode timeline, ToDoubleFunction<Double> x, int top, double max,
                             ToDoubleFunction<JsonNode> value, String colour, String label, int legendSlot) {
        line(svg, timeline, x, top, max, value, colour, label, legendSlot, false);
    }

    private static void line(StringBuilder svg, JsonNode timeline, ToDoubleFunction<Double> x, int top, double max,
                             ToDoubleFunction<JsonNode> value, String colour, String label, int legendSlot,
                             boolean dashed) {
        List<String> segments = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        for (JsonNode sample : timeline) {
            double v = value.applyAsDouble(sample);
            if (Double.isNaN(v)) {
                if (!points.isEmpty()) {
                    segments.add(points.toString());
                    points.setLength(0);
                }
                continue;
            }
            double y = top + PANEL_HEIGHT - PANEL_HEIGHT * Math.min(v, max) / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(sample.path("t").asDouble()), y));
        }
        if (!points.isEmpty()) {
            segments.add(points.toString());
        }
        for (String segment : segments) {
            svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" "
                    + "stroke=\"%s\" stroke-width=\"%s\" points=\"%s\"/>%n", ReportHtml.escape(label), colour,
                    dashed ? "2.2\" stroke-dasharray=\"7,4" : "1.6", segment.strip()));
        }
        legendEntry(svg, top, legendSlot, colour, label);
    }

    private static void legendEntry(StringBuilder svg, int top, int slot, String colour, String label) {
        int lx = WIDTH - RIGHT - 560 + slot * 185;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" fill=\"#2d3748\">%s</text>%n", lx, top - 10, colour, lx + 18, top - 5,
                ReportHtml.escape(label)));
    }

    private static void errors(StringBuilder svg, JsonNode timeline, ToDoubleFunction<Double> x, int top) {
        double max = Math.max(1, max(timeline, s -> s.path("errors").asDouble()));
        for (JsonNode sample : timeline) {
            long errors = sample.path("errors").asLong();
            if (errors > 0) {
                double h = Math.max(3, PANEL_HEIGHT * 0.4 * errors / max);
                svg.append(String.format(Locale.ROOT, "<rect class=\"errors\" x=\"%.1f\" y=\"%.1f\" width=\"3\" "
                        + "height=\"%.1f\" fill=\"#e53e3e\"><title>%d failed attempts</title></rect>%n",
                        x.applyAsDouble(sample.path("t").asDouble()) - 1.5, top + PANEL_HEIGHT - h, h, errors));
            }
        }
    }

    private static void markers(StringBuilder svg, JsonNode report, ToDoubleFunction<Double> x, int height) {
        int row = 0;
        for (JsonNode fault : report.path("faults")) {
            if (fault.path("atMs").isNumber()) {
                marker(svg, x.applyAsDouble(fault.path("atMs").asDouble()), height, row++, "#9b2c2c",
                        "fault " + fault.path("fault").asText());
            }
        }
        JsonNode reaction = report.path("rollbackReaction");
        if (reaction.path("weightsBackOnSourceMs").isNumber()) {
            marker(svg, x.applyAsDouble(reaction.path("weightsBackOnSourceMs").asDouble()), height, row, "#2f855a",
                    "all weights on source");
        }
    }

    /** A dashed vertical line with its label near the top, on the side of the line that has room, one row each. */
    private static void marker(StringBuilder svg, double x, int height, int row, String colour, String label) {
        boolean leftOfLine = x > WIDTH - RIGHT - label.length() * 7 - 10;
        svg.append(String.format(Locale.ROOT, "<g class=\"marker\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                + "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/><text x=\"%.1f\" y=\"%d\" fill=\"%s\" "
                + "font-weight=\"bold\" text-anchor=\"%s\">%s</text></g>%n", x, TOP, x, height - 40, colour,
                leftOfLine ? x - 4 : x + 4, TOP + 14 + row * 14, colour, leftOfLine ? "end" : "start",
                ReportHtml.escape(label)));
    }

    private static void axis(StringBuilder svg, double duration, ToDoubleFunction<Double> x, int y) {
        double step = niceStep(duration / 1000.0 / 12);
        for (double s = 0; s * 1000 <= duration; s += step) {
            double px = x.applyAsDouble(s * 1000);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#718096\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#4a5568\">%ss</text>%n", px, y, px, y + 5,
                    px, y + 18, number(s)));
        }
    }

    private static double lastT(JsonNode timeline) {
        return timeline.isEmpty() ? 1 : timeline.get(timeline.size() - 1).path("t").asDouble();
    }

    private static double max(JsonNode timeline, ToDoubleFunction<JsonNode> value) {
        double max = 0;
        for (JsonNode sample : timeline) {
            double v = value.applyAsDouble(sample);
            if (!Double.isNaN(v)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** 1, 2, 4 or 8 times a power of ten, at least {@code value}: quarters of it stay round numbers. */
    static double niceMax(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 4, 8, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}: seconds on the time axis. */
    private static double niceStep(double rough) {
        double value = Math.max(rough, 0.5);
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String number(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    private static String fit(String text, double chars) {
        int n = (int) Math.floor(chars);
        return text.length() <= n ? text : n <= 1 ? "" : text.substring(0, n - 1) + "…";
    }
}
