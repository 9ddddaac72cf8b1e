package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.readiness.CheckLine;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.weights.WeightChange;
import io.cutover.core.weights.WeightPlan;
import java.util.Map;

/** Renders plans, weights and verdicts as the JSON operators read. */
public final class Plans {
    private Plans() {
    }

    public static ObjectNode weights(Weights weights) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("source", weights.source());
        node.put("target", weights.target());
        return node;
    }

    public static ObjectNode weights(Map<String, Weights> weights) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        weights.forEach((group, w) -> node.set(group, weights(w)));
        return node;
    }

    public static ObjectNode plan(WeightPlan plan) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ArrayNode records = node.putArray("records");
        for (WeightChange change : plan.changes()) {
            ObjectNode record = records.addObject();
            record.put("group", change.group().name());
            record.put("role", change.group().role().wireName());
            record.put("recordName", change.group().recordName());
            record.set("before", weights(change.before()));
            record.set("after", weights(change.after()));
            record.put("changes", change.changes());
        }
        ArrayNode notes = node.putArray("notes");
        plan.notes().forEach(notes::add);
        return node;
    }

    public static ObjectNode verdict(ReadinessVerdict verdict) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("status", verdict.status().name());
        node.put("gate", verdict.gate().name());
        node.put("evaluatedAt", verdict.evaluatedAt().toString());
        ArrayNode checks = node.putArray("checks");
        for (CheckLine line : verdict.checks()) {
            ObjectNode check = checks.addObject();
            check.put("name", line.name());
            check.put("observed", line.observed());
            check.put("threshold", line.threshold());
            check.put("passed", line.passed());
        }
        ArrayNode notes = node.putArray("notes");
        verdict.notes().forEach(notes::add);
        return node;
    }
}
