import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The table bench/production-size.sh prints: one line per rehearsal report (report.json), the fence → writer-record
 * stretch, its parts, and its ratio to the smallest size's. Run with the CLI jar on the class path (it has Jackson):
 * {@code java -cp cli/target/cutover-cli.jar bench/production-size/ProductionSizeTable.java DIR...}.
 */
public final class ProductionSizeTable {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> reports = new ArrayList<>();
        for (String dir : args) {
            Path json = Path.of(dir, "report.json");
            if (Files.isRegularFile(json)) {
                reports.add(mapper.readTree(json.toFile()));
            } else {
                System.out.println("no report in " + dir + " (the run failed before writing one)");
            }
        }
        if (reports.isEmpty()) {
            System.exit(1);
        }
        Set<String> steps = new LinkedHashSet<>();
        reports.forEach(r -> r.path("fenceToSwitch").path("steps").forEach(s -> steps.add(s.path("step").asText())));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%10s %-10s %7s %9s %6s",
                "rows", "outcome", "l/s/d", "fence→sw", "ratio"));
        for (String step : steps) {
            header.append(String.format(Locale.ROOT, " %9s", abbreviate(step)));
        }
        header.append(String.format(Locale.ROOT, " %9s %9s %9s %11s %11s", "between", "sidebyside", "gap", "est.lowTTL",
                "est.origTTL"));
        System.out.println(header);
        Long smallest = null;
        for (JsonNode r : reports) {
            JsonNode fts = r.path("fenceToSwitch");
            Long total = fts.path("totalMs").isNumber() ? fts.path("totalMs").asLong() : null;
            if (smallest == null && total != null) {
                smallest = total;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%10d %-10s %7s %9s %6s",
                    r.path("database").path("filledRows").asLong(), r.path("outcome").asText(),
                    safe(r), total == null ? "-" : total + " ms",
                    total == null || smallest == null || smallest == 0 ? "-"
                            : String.format(Locale.ROOT, "%.2f", total / (double) smallest)));
            for (String step : steps) {
                Long ms = null;
                for (JsonNode s : fts.path("steps")) {
                    if (s.path("step").asText().equals(step)) {
                        ms = s.path("ms").asLong();
                    }
                }
                line.append(String.format(Locale.ROOT, " %9s", ms == null ? "-" : ms));
            }
            JsonNode est = r.path("productionEstimate");
            line.append(String.format(Locale.ROOT, " %9s %9s %9s %11s %11s",
                    fts.path("betweenTasksMs").isNumber() ? fts.path("betweenTasksMs").asLong() : "-",
                    fts.path("sideBySideMs").isNumber() ? fts.path("sideBySideMs").asLong() : "-",
                    r.path("writeUnavailableMs").asLong() + "",
                    est.path("withLoweredTtlMs").isNumber() ? seconds(est.path("withLoweredTtlMs").asLong()) : "-",
                    est.path("withOriginalTtlMs").isNumber() ? seconds(est.path("withOriginalTtlMs").asLong()) : "-"));
            System.out.println(line);
        }
        System.out.println("(ms; steps are the workflow tasks between the fence and the writer record's change, and add"
                + " up to fence→sw + sidebyside - between: sidebyside is step time that ran beside another step, the"
                + " sequences beside the drain and the checks after it; gap is"
                + " the longest stretch without an acknowledged write, clients included; estimates add Route 53"
                + " propagation 60 s and the TTL; l/s/d = writes lost / split-brain / duplicated)");
    }

    private static String safe(JsonNode r) {
        JsonNode w = r.path("writes");
        return w.path("lost").asLong() == 0 && w.path("splitBrain").asLong() == 0 && w.path("duplicated").asLong() == 0
                ? "0/0/0" : w.path("lost").asLong() + "/" + w.path("splitBrain").asLong() + "/"
                + w.path("duplicated").asLong();
    }

    private static String abbreviate(String step) {
        return switch (step) {
            case "session replication role" -> "srr";
            case "reverse replication" -> "reverse";
            case "record change" -> "record";
            case "check fence" -> "chkfence";
            default -> step.length() > 9 ? step.substring(0, 9) : step;
        };
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
