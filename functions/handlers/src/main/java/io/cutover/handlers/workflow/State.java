package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.handlers.tasks.WorkflowTask;
import java.util.function.Consumer;

/**
 * One state of a workflow, declared fluently where the workflow is written ({@link CutoverWorkflow}) and then only
 * read. Each type writes its fields in one fixed order, whatever order the source set them in, so the generated file
 * diffs cleanly. The setters are package-private: outside this package the workflow can be read, not changed.
 */
abstract sealed class State<S extends State<S>> permits LambdaTask, Notification, MapState, ParallelState, Choice,
        Wait, Pass, Fail, Succeed {
    private final String name;
    private String comment;

    State(String name) {
        if (name == null || name.isEmpty() || name.length() > 80) {
            throw new IllegalArgumentException("a state name has 1 to 80 characters: " + name);
        }
        this.name = name;
    }

    final String name() {
        return name;
    }

    final S comment(String text) {
        this.comment = text;
        return self();
    }

    /** Hands over the WorkflowTasks tasks this state invokes, in order; most states invoke none. */
    void collectTasks(Consumer<WorkflowTask<?, ?>> tasks) {
    }

    final ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("Type", type());
        if (comment != null) {
            json.put("Comment", comment);
        }
        writeFields(json);
        return json;
    }

    abstract String type();

    /** Writes everything after Type and Comment. */
    abstract void writeFields(ObjectNode json);

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    /**
     * Next, or End when the state was declared with {@code end()}. Neither is refused rather than defaulted to End:
     * a forgotten next() would otherwise end the execution early, successfully.
     */
    final void writeTransition(ObjectNode json, String next, boolean end) {
        if (next != null) {
            json.put("Next", next);
        } else if (end) {
            json.put("End", true);
        } else {
            throw new IllegalStateException(name + " has neither next(...) nor end()");
        }
    }
}
