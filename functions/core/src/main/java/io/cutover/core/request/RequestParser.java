package io.cutover.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import io.cutover.core.json.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates an invoke payload completely before anything acts on it: unknown actions, missing or
 * out-of-range fields, wrong types, unknown fields and non-JSON bodies all become an
 * {@link InvalidRequestException} naming the field and what is allowed.
 */
public final class RequestParser {
    private static final Pattern ANY = Pattern.compile("(?s).*");

    private RequestParser() {
    }

    public static CutoverRequest parse(String body) {
        JsonNode tree;
        try {
            tree = Json.parseTree(body, "request");
        } catch (InvalidDocumentException e) {
            throw new InvalidRequestException(e.problems());
        }
        return parse(tree);
    }

    public static CutoverRequest parse(JsonNode tree) {
        JsonFields f = new JsonFields();
        if (tree == null || !tree.isObject()) {
            f.report("$", tree, "a JSON object with an \"action\" field");
            throw new InvalidRequestException(f.problems());
        }
        JsonNode actionNode = tree.get("action");
        Action action = actionOf(actionNode);
        if (action == null) {
            f.report("action", actionNode, JsonFields.oneOf(Action.class));
            throw new InvalidRequestException(f.problems());
        }
        CutoverRequest request = switch (action) {
            case GRADUAL_CUTOVER -> {
                Obj o = f.root(tree, "action", "aurora_weight", "dry_run");
                Long weight = o.integer("aurora_weight", 0, 100);
                Boolean dryRun = o.optionalBoolean("dry_run", false);
                yield f.hasProblems() ? null : new CutoverRequest.GradualCutover(weight.intValue(), dryRun);
            }
            case MANUAL_CUTOVER -> {
                Obj o = f.root(tree, "action", "dry_run");
                Boolean dryRun = o.optionalBoolean("dry_run", false);
                yield f.hasProblems() ? null : new CutoverRequest.ManualCutover(dryRun);
            }
            case ROLLBACK -> {
                Obj o = f.root(tree, "action", "strategy", "dry_run");
                RollbackStrategy strategy = o.optionalEnum("strategy", RollbackStrategy.class, null);
                Boolean dryRun = o.optionalBoolean("dry_run", false);
                yield f.hasProblems() ? null : new CutoverRequest.Rollback(strategy, dryRun);
            }
            case STATUS -> {
                f.root(tree, "action");
                yield f.hasProblems() ? null : new CutoverRequest.Status();
            }
            case FINALIZE -> {
                Obj o = f.root(tree, "action", "dry_run");
                Boolean dryRun = o.optionalBoolean("dry_run", false);
                yield f.hasProblems() ? null : new CutoverRequest.Finalize(dryRun);
            }
            case BACKTRACK -> {
                Obj o = f.root(tree, "action", "to", "dry_run");
                Instant to = instant(f, o);
                Boolean dryRun = o.optionalBoolean("dry_run", false);
                yield f.hasProblems() ? null : new CutoverRequest.Backtrack(to, dryRun);
            }
            case ADOPT_RECORDS -> {
                Obj o = f.root(tree, "action", "dry_run");
                Boolean dryRun = o.optionalBoolean("dry_run", false);
                yield f.hasProblems() ? null : new CutoverRequest.AdoptRecords(dryRun);
            }
        };
        if (request == null) {
            throw new InvalidRequestException(f.problems());
        }
        return request;
    }

    private static Action actionOf(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        for (Action action : Action.values()) {
            if (action.wireName().equals(node.asText())) {
                return action;
            }
        }
        return null;
    }

    private static Instant instant(JsonFields f, Obj o) {
        String expected = "an ISO-8601 timestamp with offset, e.g. 2026-11-21T09:30:00Z";
        String text = o.text("to", ANY, expected);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            f.report(o.path("to"), o.raw("to"), expected);
            return null;
        }
    }

    /** The problems of a body, or none; for tools that report rather than throw. */
    public static List<Problem> problemsOf(String body) {
        try {
            parse(body);
            return List.of();
        } catch (InvalidRequestException e) {
            return e.problems();
        }
    }
}
