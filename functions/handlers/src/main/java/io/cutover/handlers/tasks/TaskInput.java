package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.WireName;
import io.cutover.core.rollback.RecoveryHandOver;
import io.cutover.handlers.errors.InvalidTaskInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One task invocation as the state machine sent it: the task name, the migration, the execution that owns it and
 * the whole input, with readers for the task-specific fields that name the field and what is allowed.
 */
public record TaskInput(String task, String migrationId, String executionName, JsonNode tree) {

    public int integer(String field, int min, int max) {
        JsonNode value = tree.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()
                || value.asInt() < min || value.asInt() > max) {
            throw invalid(field, value, "an integer from " + min + " to " + max);
        }
        return value.asInt();
    }

    public String oneOf(String field, List<String> allowed) {
        JsonNode value = tree.get(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            throw invalid(field, value, "one of " + allowed);
        }
        return value.asText();
    }

    public Instant instant(String field) {
        JsonNode value = tree.get(field);
        if (value != null && value.isTextual()) {
            try {
                return Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                // reported below with the field's name
            }
        }
        throw invalid(field, value, "an ISO-8601 instant (e.g. 2026-01-01T00:00:00Z)");
    }

    /** An instant, or null when the field is absent or null. */
    public Instant optionalInstant(String field) {
        JsonNode value = tree.get(field);
        return value == null || value.isNull() ? null : instant(field);
    }

    /** A caught error as the state machine passes it ({@code {"Error", "Cause"}}), or null when absent or null. */
    public CaughtError optionalCause(String field) {
        JsonNode value = tree.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject() || !value.path("Error").isTextual()
                || !(value.path("Cause").isMissingNode() || value.path("Cause").isTextual()
                || value.path("Cause").isNull())) {
            throw invalid(field, value, "a caught error {\"Error\": string, \"Cause\": string}");
        }
        return new CaughtError(value.path("Error").asText(), value.path("Cause").asText(""));
    }

    /**
     * The rollback an alarm or the API began and handed to this execution ({@code handOver}, docs/recovery.md), or
     * null when the field is absent or null.
     */
    public RecoveryHandOver optionalHandOver() {
        JsonNode value = tree.get(RecoveryHandOver.FIELD);
        if (value == null || value.isNull()) {
            return null;
        }
        Optional<RollbackStrategy> strategy = WireName.find(RollbackStrategy.class, value.path("strategy").asText(""));
        if (!value.isObject() || !value.path("requestedBy").isTextual() || !value.path("reason").isTextual()
                || !value.path("strategy").isTextual() || strategy.isEmpty()) {
            throw invalid(RecoveryHandOver.FIELD, value, "null, or {\"requestedBy\": string, \"reason\": string,"
                    + " \"strategy\": " + JsonFields.oneOf(RollbackStrategy.class) + "}");
        }
        return new RecoveryHandOver(value.path("requestedBy").asText(), value.path("reason").asText(), strategy.get());
    }

    private InvalidTaskInputException invalid(String field, JsonNode value, String allowed) {
        return new InvalidTaskInputException(task + ": " + field + " is " + (value == null ? "missing" : value)
                + "; expected " + allowed);
    }

    /** An error the state machine caught ({@code $.error}). */
    public record CaughtError(String error, String cause) {
    }
}
