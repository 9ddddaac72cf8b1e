package io.cutover.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.Problem;
import io.cutover.core.json.Utf8;
import io.cutover.handlers.app.CloudPorts;
import io.cutover.handlers.errors.InvalidTaskInputException;
import io.cutover.handlers.errors.TaskErrors;
import io.cutover.handlers.tasks.TaskInput;
import io.cutover.handlers.tasks.WorkflowTasks;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The state machine's tasks. Errors are thrown, not returned: the Lambda {@code errorType} (the
 * exception class name) is what the state machine's Retry and Catch match.
 */
public final class WorkflowTaskHandler implements RequestStreamHandler {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final WorkflowTasks tasks;
    private final JsonLog log;

    public WorkflowTaskHandler() {
        this(AwsWiring.cloudPorts(), Streams.requiredEnv("MIGRATION_ID"));
    }

    public WorkflowTaskHandler(CloudPorts ports, String migrationId) {
        this.tasks = new WorkflowTasks(ports);
        this.log = JsonLog.stdout(migrationId, null);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Streams.write(output, Json.write(handle(Streams.read(input))));
    }

    /** The body as Lambda delivers it: bytes that are not UTF-8 are invalid task input, thrown before any call. */
    public ObjectNode handle(byte[] body) {
        return run(checked(() -> parseFields(Utf8.decode(body, "task input"))));
    }

    public ObjectNode handle(String body) {
        return run(parse(body));
    }

    private ObjectNode run(TaskInput call) {
        JsonLog taskLog = log.forExecution(call.executionName());
        long started = System.nanoTime();
        try {
            ObjectNode result = tasks.run(call);
            taskLog.info("task done", "task", call.task(), "millis", (System.nanoTime() - started) / 1_000_000,
                    "result", result);
            return result;
        } catch (RuntimeException e) {
            RuntimeException thrown = TaskErrors.typed(e);
            taskLog.error("task failed", thrown, "task", call.task());
            throw thrown;
        }
    }

    /** The common fields, all checked; {@link InvalidTaskInputException} names each wrong one. */
    static TaskInput parse(String body) {
        return checked(() -> parseFields(body));
    }

    private static TaskInput checked(Supplier<TaskInput> parsing) {
        try {
            return parsing.get();
        } catch (InvalidDocumentException e) {
            throw new InvalidTaskInputException(e.getMessage(), e);
        }
    }

    private static TaskInput parseFields(String body) {
        JsonNode tree = Json.parseTree(body, "task input");
        JsonFields f = new JsonFields();
        if (!tree.isObject()) {
            f.report("$", tree, "a JSON object");
            throw new InvalidDocumentException("task input", f.problems());
        }
        JsonNode task = tree.get("task");
        if (task == null || !task.isTextual() || !WorkflowTasks.NAMES.contains(task.asText())) {
            f.report("task", task, JsonFields.oneOf(WorkflowTasks.NAMES));
        }
        for (String field : List.of("migrationId", "executionName")) {
            JsonNode value = tree.get(field);
            if (value == null || !value.isTextual() || !ID.matcher(value.asText()).matches()) {
                f.report(field, value, "1 to 80 letters, digits, '-' or '_'");
            }
        }
        f.throwIfAny("task input");
        return new TaskInput(tree.get("task").asText(), tree.get("migrationId").asText(),
                tree.get("executionName").asText(), tree);
    }
}
