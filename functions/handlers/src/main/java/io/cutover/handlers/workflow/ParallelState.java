package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.handlers.tasks.WorkflowTask;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Parallel state: its branches run at once on the same input, and its result is the array of their outputs, in
 * branch order. A branch that fails stops the others and fails the state, whose own Catch decides; a branch's states
 * cannot name a state outside it, so its tasks are {@code uncaught()} (Step Functions Developer Guide, "Parallel
 * workflow state", error handling: the whole state fails and all its branches are stopped, but a Lambda function
 * already invoked runs on to its end, so a task beside a failed one may still finish after the Catch's next state
 * began: every task checks its phase first and a sequence is never set backwards).
 */
final class ParallelState extends State<ParallelState> {
    private final List<Flow> branches = new ArrayList<>();
    private Fields resultSelector = Fields.NONE;
    private String resultPath;
    private Catcher catchAll;
    private String next;

    ParallelState(String name) {
        super(name);
    }

    /** One more branch: these states, starting with the first. */
    ParallelState branch(State<?>... states) {
        branches.add(new Flow(List.of(states)));
        return this;
    }

    /** Keeps this field of the branches' outputs (an array, read by index: {@code $[0].drain}). */
    ParallelState selectResult(String key, String path) {
        resultSelector = resultSelector.withPath(key, path);
        return this;
    }

    ParallelState resultPath(String path) {
        this.resultPath = path;
        return this;
    }

    /** An error in any branch stops the others and goes to {@code next}, with the error at $.error. */
    ParallelState onAnyError(String next) {
        this.catchAll = Catcher.anyError(next, Catcher.ERROR_PATH);
        return this;
    }

    ParallelState next(String state) {
        this.next = state;
        return this;
    }

    @Override
    void collectTasks(Consumer<WorkflowTask<?, ?>> tasks) {
        branches.forEach(branch -> branch.collectTasks(tasks));
    }

    @Override
    String type() {
        return "Parallel";
    }

    @Override
    void writeFields(ObjectNode json) {
        if (branches.size() < 2) {
            throw new IllegalStateException(name() + " needs at least two branch(...)es");
        }
        if (resultPath == null) {
            throw new IllegalStateException(name() + " has no resultPath(...)");
        }
        ArrayNode array = json.putArray("Branches");
        branches.forEach(branch -> {
            ObjectNode flow = array.addObject();
            branch.writeTo(flow);
        });
        if (!resultSelector.isEmpty()) {
            json.set("ResultSelector", resultSelector.toJson());
        }
        json.put("ResultPath", resultPath);
        if (catchAll != null) {
            json.putArray("Catch").add(catchAll.toJson());
        }
        writeTransition(json, next, false);
    }
}
