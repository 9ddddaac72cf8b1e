package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import io.cutover.handlers.tasks.WorkflowTask;
import java.util.function.Consumer;

/**
 * A Task state that runs one task of the WorkflowTasks Lambda function. What every such state shares is set here and
 * nowhere else: the function, the base Parameters of docs/contracts.md, the timeout, the forward retry policy and the
 * catch-all that rolls back. A state declares only what differs.
 */
final class LambdaTask extends State<LambdaTask> {
    static final String FUNCTION = "${WorkflowTasksFunctionArn}";
    /** Lambda's own limit: a task never outlives the function running it. */
    static final int TIMEOUT_SECONDS = 900;
    /** Once traffic may have moved, any error rolls back; states before the first weight moves name another target. */
    static final String ROLL_BACK = "RollBack";

    private final WorkflowTask<?, ?> task;
    private Fields parameters;
    private int timeoutSeconds = TIMEOUT_SECONDS;
    private Fields resultSelector = Fields.NONE;
    private String resultPath;
    private List<Retrier> retry = Retries.FORWARD;
    private final List<Catcher> specificCatches = new ArrayList<>();
    private Catcher catchAll = Catcher.anyError(ROLL_BACK, Catcher.ERROR_PATH);
    private String next;
    private boolean end;

    /** Only through {@link Asl#task}, the one place a task is named. */
    LambdaTask(String stateName, WorkflowTask<?, ?> task) {
        super(stateName);
        this.task = task;
        this.parameters = Fields.NONE.with("task", task.name())
                .withPath("migrationId", JsonPaths.MIGRATION_ID)
                .withPath("executionName", JsonPaths.EXECUTION_NAME);
    }

    /** A parameter of this task beyond the base three. */
    LambdaTask with(String key, String value) {
        parameters = parameters.with(key, value);
        return this;
    }

    /** A parameter of this task read from the input at run time. */
    LambdaTask withPath(String key, String path) {
        parameters = parameters.withPath(key, path);
        return this;
    }

    LambdaTask timeoutSeconds(int seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** Keeps only this field of the task's result (read from the result at run time). */
    LambdaTask selectResult(String key, String path) {
        resultSelector = resultSelector.withPath(key, path);
        return this;
    }

    LambdaTask resultPath(String path) {
        this.resultPath = path;
        return this;
    }

    LambdaTask retry(List<Retrier> policy) {
        this.retry = List.copyOf(policy);
        return this;
    }

    /** Goes to {@code next} on this error, before the catch-all is consulted. */
    LambdaTask catching(Class<? extends Exception> error, String next) {
        specificCatches.add(new Catcher(List.of(error.getName()), Catcher.ERROR_PATH, next));
        return this;
    }

    /** Goes to {@code next} on this error, with the error at {@code errorPath} (keeping $.error as it is). */
    LambdaTask catching(Class<? extends Exception> error, String next, String errorPath) {
        specificCatches.add(new Catcher(List.of(error.getName()), errorPath, next));
        return this;
    }

    /** Any other error goes to {@code next} instead of rolling back, with the error at $.error. */
    LambdaTask onAnyError(String next) {
        return onAnyError(next, Catcher.ERROR_PATH);
    }

    LambdaTask onAnyError(String next, String errorPath) {
        this.catchAll = Catcher.anyError(next, errorPath);
        return this;
    }

    /** No Catch: inside a Map an error ends the iteration and the Map's own Catch decides. */
    LambdaTask uncaught() {
        this.catchAll = null;
        this.specificCatches.clear();
        return this;
    }

    LambdaTask next(String state) {
        this.next = state;
        return this;
    }

    LambdaTask end() {
        this.end = true;
        return this;
    }

    @Override
    void collectTasks(Consumer<WorkflowTask<?, ?>> tasks) {
        tasks.accept(task);
    }

    @Override
    String type() {
        return "Task";
    }

    @Override
    void writeFields(ObjectNode json) {
        json.put("Resource", FUNCTION);
        json.set("Parameters", parameters.toJson());
        json.put("TimeoutSeconds", timeoutSeconds);
        if (!resultSelector.isEmpty()) {
            json.set("ResultSelector", resultSelector.toJson());
        }
        if (resultPath == null) {
            // The result would replace the execution input every later state reads ($.migrationId, $.plan, ...).
            throw new IllegalStateException(name() + " has no resultPath(...)");
        }
        json.put("ResultPath", resultPath);
        ArrayNode retriers = json.putArray("Retry");
        retry.forEach(retrier -> retriers.add(retrier.toJson()));
        List<Catcher> catches = new ArrayList<>(specificCatches);
        if (catchAll != null) {
            catches.add(catchAll);
        }
        if (!catches.isEmpty()) {
            ArrayNode array = json.putArray("Catch");
            catches.forEach(catcher -> array.add(catcher.toJson()));
        }
        writeTransition(json, next, end);
    }
}
