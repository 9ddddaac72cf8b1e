package io.cutover.handlers.workflow;

import io.cutover.handlers.tasks.WorkflowTask;
import java.util.List;

/** The factories the workflow source is written with, one per kind of state (import static Asl.*). */
final class Asl {
    private Asl() {
    }

    static Workflow workflow(String comment, State<?>... states) {
        return new Workflow(comment, new Flow(List.of(states)));
    }

    /**
     * A state running the WorkflowTasks task {@code task}: the one place a task is named, so the type of the task
     * can change here alone.
     */
    static LambdaTask task(String stateName, WorkflowTask<?, ?> task) {
        return new LambdaTask(stateName, task);
    }

    /** A best-effort message to the notification topic; {@code message} is a JSONPath expression or intrinsic. */
    static Notification publish(String stateName, String subject, String message) {
        return new Notification(stateName, subject, message);
    }

    static MapState map(String name) {
        return new MapState(name);
    }

    static ParallelState parallel(String name) {
        return new ParallelState(name);
    }

    static Choice choice(String name) {
        return new Choice(name);
    }

    static Wait waitFor(String name) {
        return new Wait(name);
    }

    static Pass pass(String name) {
        return new Pass(name);
    }

    static Fail fail(String name) {
        return new Fail(name);
    }

    static Succeed succeed(String name) {
        return new Succeed(name);
    }

    /** An empty object to add fields to: {@code fields().with("gate", "reader").withPath("deadline", "$.d")}. */
    static Fields fields() {
        return Fields.NONE;
    }
}
