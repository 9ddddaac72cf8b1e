package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The results of one workflow task as the handlers logged them in a rehearsal's handlers.log, oldest first. */
final class HandlerLogTasks {
    private HandlerLogTasks() {
    }

    static List<JsonNode> results(Path reportDir, String task) {
        try (var lines = Files.lines(reportDir.resolve("handlers.log"))) {
            return lines.filter(line -> line.startsWith("{")).map(line -> Json.parseTree(line, "handlers.log"))
                    .filter(entry -> "task done".equals(entry.path("message").asText())
                            && task.equals(entry.path("task").asText()))
                    .map(entry -> entry.path("result")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
