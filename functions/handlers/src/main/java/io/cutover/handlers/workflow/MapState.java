package io.cutover.handlers.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cutover.handlers.tasks.WorkflowTask;
import java.util.List;
import java.util.function.Consumer;

/** A Map state running an inline flow for each item of an array in the input. */
final class MapState extends State<MapState> {
    private String itemsPath;
    private Fields itemSelector = Fields.NONE;
    private Integer maxConcurrency;
    private Flow processor;
    private JsonNode resultPath;
    private Catcher catchAll;
    private String next;

    MapState(String name) {
        super(name);
    }

    MapState itemsPath(String path) {
        this.itemsPath = path;
        return this;
    }

    /** What each iteration gets as its input (an iteration sees only this, not the execution input). */
    MapState itemSelector(Fields fields) {
        this.itemSelector = fields;
        return this;
    }

    MapState maxConcurrency(int iterations) {
        this.maxConcurrency = iterations;
        return this;
    }

    /** The states each iteration runs, in the same process (INLINE), starting with the first. */
    MapState inline(State<?>... states) {
        this.processor = new Flow(List.of(states));
        return this;
    }

    MapState resultPath(String path) {
        this.resultPath = TextNode.valueOf(path);
        return this;
    }

    /** The iterations' results are dropped: the execution input goes on unchanged. */
    MapState discardResult() {
        this.resultPath = NullNode.getInstance();
        return this;
    }

    /** An error in any iteration stops the Map and goes to {@code next}, with the error at $.error. */
    MapState onAnyError(String next) {
        this.catchAll = Catcher.anyError(next, Catcher.ERROR_PATH);
        return this;
    }

    MapState next(String state) {
        this.next = state;
        return this;
    }

    @Override
    void collectTasks(Consumer<WorkflowTask<?, ?>> tasks) {
        if (processor != null) {
            processor.collectTasks(tasks);
        }
    }

    @Override
    String type() {
        return "Map";
    }

    @Override
    void writeFields(ObjectNode json) {
        if (itemsPath == null || processor == null) {
            throw new IllegalStateException(name() + " needs itemsPath(...) and inline(...)");
        }
        json.put("ItemsPath", itemsPath);
        if (!itemSelector.isEmpty()) {
            json.set("ItemSelector", itemSelector.toJson());
        }
        if (maxConcurrency != null) {
            json.put("MaxConcurrency", maxConcurrency);
        }
        ObjectNode itemProcessor = json.putObject("ItemProcessor");
        itemProcessor.putObject("ProcessorConfig").put("Mode", "INLINE");
        processor.writeTo(itemProcessor);
        if (resultPath != null) {
            json.set("ResultPath", resultPath);
        }
        if (catchAll != null) {
            json.putArray("Catch").add(catchAll.toJson());
        }
        writeTransition(json, next, false);
    }
}
