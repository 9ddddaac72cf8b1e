package io.cutover.handlers.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.tasks.WorkflowTask.NoInput;
import java.util.EnumSet;
import java.util.function.Function;

/**
 * A step on the drained databases whose report is its result (the state machine reads its fields, e.g.
 * {@code $.sequences}): between the drain and the writer switch, so it runs from DRAINED only.
 */
abstract class DatabaseReportTask extends BaseTask<NoInput, JsonNode> {
    private final Function<DatabaseSide, JsonNode> step;

    DatabaseReportTask(String name, Function<DatabaseSide, JsonNode> step) {
        super(name, NoInput::of, EnumSet.of(Phase.DRAINED), Lock.HELD);
        this.step = step;
    }

    @Override
    public final JsonNode effect(TaskContext context, NoInput input) {
        try (DatabaseSide db = context.databases()) {
            return step.apply(db);
        }
    }

    @Override
    public ObjectNode output(TaskContext context, NoInput input, JsonNode report) {
        return (ObjectNode) report;
    }
}
