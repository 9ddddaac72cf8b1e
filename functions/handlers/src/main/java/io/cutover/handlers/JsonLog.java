package io.cutover.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON object per line, each carrying the migration id and execution name, so a CloudWatch
 * Logs Insights query can follow one cutover across every function.
 */
public final class JsonLog {
    /** Lambda reads stdout; the local CLI sends logs to stderr so its own JSON output stays clean. */
    private static volatile PrintStream sink = System.out;

    private final PrintStream out;
    private final String migrationId;
    private final String executionName;

    public JsonLog(PrintStream out, String migrationId, String executionName) {
        this.out = out;
        this.migrationId = migrationId;
        this.executionName = executionName;
    }

    public static JsonLog stdout(String migrationId, String executionName) {
        return new JsonLog(sink, migrationId, executionName);
    }

    public static void sendTo(PrintStream out) {
        sink = out;
    }

    public JsonLog forExecution(String execution) {
        return new JsonLog(out, migrationId, execution);
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        write("ERROR", message, error, keyValues);
    }

    private void write(String level, String message, Throwable error, Object... keyValues) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.put("migrationId", migrationId);
        if (executionName != null) {
            line.put("executionName", executionName);
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.set(String.valueOf(keyValues[i]), Json.MAPPER.valueToTree(keyValues[i + 1]));
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
        }
        synchronized (out) {
            out.println(Json.write(line));
        }
    }
}
