package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * What SyncSequences returns to the state machine (and error messages list): the sequence report summed up, with at most {@link #LISTED} names
 * per list. The whole report is about 270 bytes per sequence (820 KB for 3000), and Step Functions fails an execution
 * whose task returns more than 256 KiB with States.DataLimitExceeded, which no Catch matches: after the fence, with
 * no rollback (Step Functions service quotas, "Maximum input or output size for a task, state, or execution"; "Error
 * handling in Step Functions", States.ALL does not match States.DataLimitExceeded).
 */
public final class SequenceSyncSummary {
    /** Names kept per list: enough to act on; four lists of 50 stay far below the limit. */
    public static final int LISTED = 50;

    private SequenceSyncSummary() {
    }

    public static ObjectNode of(JsonNode report) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("schemas", report.path("schemas"));
        out.set("buffer", report.path("buffer"));
        out.set("dryRun", report.path("dryRun"));
        out.put("synced", report.path("sequences").size());
        Map<String, Integer> actions = new TreeMap<>();
        report.path("sequences").forEach(s -> actions.merge(s.path("action").asText(), 1, Integer::sum));
        out.set("actions", Json.MAPPER.valueToTree(actions));
        out.set("advanced", report.path("advanced"));
        ArrayNode moved = Json.MAPPER.createArrayNode();
        report.path("sequences").forEach(s -> {
            if ("ADVANCED".equals(s.path("action").asText())) {
                ObjectNode one = Json.MAPPER.createObjectNode();
                one.set("sequence", s.path("sequence"));
                one.set("targetBefore", s.path("targetBefore"));
                one.set("targetAfter", s.path("targetAfter"));
                moved.add(one);
            }
        });
        listed(out, "advancedSequences", moved);
        listed(out, "problems", report.path("problems"));
        listed(out, "missingOnTarget", report.path("missingOnTarget"));
        listed(out, "fedAheadOfSource", report.path("fedAheadOfSource"));
        out.set("fedColumnsRead", report.path("fedColumnsRead"));
        out.set("fedColumnsSkipped", report.path("fedColumnsSkipped"));
        out.set("feedsFromPresync", report.path("feedsFromPresync"));
        out.set("durationMillis", report.path("durationMillis"));
        return out;
    }

    /** The first {@link #LISTED} items under {@code field}, and under {@code field + "Omitted"} how many are not. */
    private static void listed(ObjectNode out, String field, JsonNode items) {
        ArrayNode kept = out.putArray(field);
        for (int i = 0; i < Math.min(LISTED, items.size()); i++) {
            kept.add(items.get(i));
        }
        out.put(field + "Omitted", Math.max(0, items.size() - LISTED));
    }

    /** The problems for an error message: the first {@link #LISTED}, and how many more (of a report or a summary). */
    public static String problems(JsonNode reportOrSummary) {
        JsonNode problems = reportOrSummary.path("problems");
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
            text.append(i == 0 ? "" : ", ").append(problems.get(i).asText());
        }
        text.append(']');
        int more = Math.max(0, problems.size() - LISTED) + reportOrSummary.path("problemsOmitted").asInt(0);
        if (more > 0) {
            text.append(" and ").append(more).append(" more");
        }
        return text.toString();
    }
}
