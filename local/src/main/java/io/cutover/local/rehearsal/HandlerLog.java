package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The handlers' JSON log, written to a file in the report directory instead of the terminal. It also notes the
 * moment the task handler logs a failed task: that is when the workflow learns of a fault, as an operator reading
 * CloudWatch Logs would see it.
 */
final class HandlerLog extends PrintStream {
    /** A task failure the handler logged: when (epoch ms) and what. */
    record TaskFailure(long at, String description) {
    }

    private final List<TaskFailure> failures = new CopyOnWriteArrayList<>();

    private HandlerLog(FileOutputStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    static HandlerLog create(Path file) {
        try {
            return new HandlerLog(new FileOutputStream(file.toFile()));
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("cannot write the handler log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void println(String line) {
        super.println(line);
        if (line != null && line.contains("task failed")) {
            try {
                JsonNode node = Json.parseTree(line, "handler log line");
                if ("task failed".equals(node.path("message").asText())) {
                    failures.add(new TaskFailure(System.currentTimeMillis(), node.path("task").asText() + ": "
                            + node.path("errorType").asText() + ": " + node.path("errorMessage").asText()));
                }
            } catch (RuntimeException notJson) {
                // Only the handlers' own JSON lines carry the marker; anything else is just logged.
            }
        }
    }

    /** The last task failure logged at or before {@code at}, or null. */
    TaskFailure lastFailureAtOrBefore(long at) {
        TaskFailure last = null;
        for (TaskFailure failure : failures) {
            if (failure.at() <= at) {
                last = failure;
            }
        }
        return last;
    }
}
