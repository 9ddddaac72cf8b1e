package io.cutover.handlers.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import io.cutover.handlers.tasks.WorkflowTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed statemachine/cutover.asl.json is what CutoverWorkflow generates, and tasks() agrees with it. */
class CutoverWorkflowTest {
    private static final String REGENERATE = "statemachine/cutover.asl.json is generated from"
            + " io.cutover.handlers.workflow.CutoverWorkflow: change the workflow there, then run ./build asl and"
            + " commit both";

    @Test
    void committedDefinition_isExactlyWhatTheWorkflowSourceGenerates() throws IOException {
        // GIVEN the file the CDK app deploys and the interpreter tests run
        String committed = Files.readString(committedDefinition(), StandardCharsets.UTF_8);

        // WHEN the source is rendered
        String generated = AslJson.write(CutoverWorkflow.toJson());

        // THEN they are the same text (the same tree, formatted the same way)
        boolean sameTree = Json.MAPPER.readTree(committed).equals(Json.MAPPER.readTree(generated));
        assertThat(committed)
                .withFailMessage(() -> REGENERATE + " (" + (sameTree ? "only the formatting differs"
                        : "the content differs") + "; first difference at line " + firstDifferentLine(committed,
                        generated) + ")")
                .isEqualTo(generated);
    }

    @Test
    void tasks_areTheDistinctTaskParametersOfTheGeneratedDefinition_inStateOrder() {
        // GIVEN every WorkflowTasks state of the rendered definition, nested Map states included
        List<String> invoked = new ArrayList<>();
        collectTasks(CutoverWorkflow.toJson().path("States"), invoked);

        // THEN tasks(), computed without rendering, lists the same names once each, first use first
        assertThat(CutoverWorkflow.tasks().stream().map(WorkflowTask::name).toList())
                .isEqualTo(invoked.stream().distinct().toList());
    }

    private static void collectTasks(JsonNode states, List<String> into) {
        states.forEach(state -> {
            if (LambdaTask.FUNCTION.equals(state.path("Resource").asText())) {
                into.add(state.path("Parameters").path("task").asText());
            }
            collectTasks(state.path("ItemProcessor").path("States"), into);
            state.path("Branches").forEach(branch -> collectTasks(branch.path("States"), into));
        });
    }

    private static int firstDifferentLine(String a, String b) {
        String[] left = a.split("\n", -1);
        String[] right = b.split("\n", -1);
        int line = 0;
        while (line < left.length && line < right.length && left[line].equals(right[line])) {
            line++;
        }
        return line + 1;
    }

    /** Found from the working directory (surefire runs in functions/handlers), as ./build asl writes it. */
    private static Path committedDefinition() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(WriteAsl.DEFINITION);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + WriteAsl.DEFINITION + " above " + Path.of("").toAbsolutePath());
    }
}
