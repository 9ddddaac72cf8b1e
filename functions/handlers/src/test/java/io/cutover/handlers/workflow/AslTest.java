package io.cutover.handlers.workflow;

import io.cutover.handlers.tasks.Drain;
import static io.cutover.handlers.workflow.Asl.fields;
import static io.cutover.handlers.workflow.Asl.pass;
import static io.cutover.handlers.workflow.Asl.task;
import static io.cutover.handlers.workflow.Asl.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What the workflow DSL writes by itself and what it refuses. */
class AslTest {
    @Test
    void lambdaTask_getsFunctionBaseParametersTimeoutRetryAndRollBackCatch_fromOnePlace() {
        // WHEN a task state declares only its result path and next state
        JsonNode state = task("Drain", new Drain()).resultPath("$.drain").next("SyncSequences").toJson();

        // THEN everything else is the shared default
        assertThat(state.path("Resource").asText()).isEqualTo("${WorkflowTasksFunctionArn}");
        assertThat(state.path("Parameters").toString())
                .isEqualTo("{\"task\":\"drain\",\"migrationId.$\":\"$.migrationId\","
                        + "\"executionName.$\":\"$$.Execution.Name\"}");
        assertThat(state.path("TimeoutSeconds").asInt()).isEqualTo(900);
        assertThat(state.path("Retry")).containsExactlyElementsOf(
                Retries.FORWARD.stream().map(Retrier::toJson).toList());
        assertThat(state.path("Retry").get(0).path("ErrorEquals").get(0).asText())
                .isEqualTo("io.cutover.handlers.errors.TransientTaskException");
        assertThat(state.path("Catch").toString())
                .isEqualTo("[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.error\",\"Next\":\"RollBack\"}]");
    }

    @Test
    void aStateWithoutNextOrEnd_isRefused_ratherThanEndingTheExecution() {
        assertThatThrownBy(() -> task("Drain", new Drain()).resultPath("$.drain").toJson())
                .hasMessageContaining("Drain has neither next(...) nor end()");
    }

    @Test
    void aLambdaTaskWithoutResultPath_isRefused_becauseItsResultWouldReplaceTheInput() {
        assertThatThrownBy(() -> task("Drain", new Drain()).next("X").toJson()).hasMessageContaining("no resultPath");
    }

    @Test
    void twoStatesOfOneName_areRefused() {
        assertThatThrownBy(() -> workflow("w", pass("A").next("A"), pass("A").next("A")))
                .hasMessageContaining("two states named A");
    }

    @Test
    void aFieldGivenTwice_isRefused() {
        assertThatThrownBy(() -> fields().with("gate", "reader").with("gate", "writer"))
                .hasMessageContaining("gate given twice");
    }

    @Test
    void format_quotesTheTemplate_andChecksOneArgumentPerPlaceholder() {
        assertThat(JsonPaths.format("it's {} ({})", "$.a", "$$.B"))
                .isEqualTo("States.Format('it\\'s {} ({})', $.a, $$.B)");
        assertThatThrownBy(() -> JsonPaths.format("{} and {}", "$.a")).hasMessageContaining("2 {}");
    }
}
