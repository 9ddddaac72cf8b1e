package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTranscriptTest {
    @Test
    void result_collectsEnteredStatesInOrder_withTheirMapIteration() {
        NodeTranscript transcript = new NodeTranscript();
        transcript.accept("{\"event\":\"StateEntered\",\"state\":\"ShiftReadersInSteps\",\"stateType\":\"Map\"}");
        transcript.accept("{\"event\":\"StateEntered\",\"state\":\"ShiftReaders\",\"stateType\":\"Task\",\"index\":0}");
        transcript.accept("{\"event\":\"StateExited\",\"state\":\"ShiftReaders\",\"stateType\":\"Task\",\"index\":0}");
        transcript.accept("{\"event\":\"StateEntered\",\"state\":\"CutoverRolledBack\",\"stateType\":\"Fail\"}");
        transcript.accept("{\"event\":\"ExecutionFailed\",\"error\":\"CutoverRolledBack\",\"cause\":\"unhealthy\"}");

        ExecutionResult result = transcript.result(List.of(), "");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).isEqualTo("unhealthy");
        assertThat(result.states()).containsExactly(
                StateTransition.topLevel("ShiftReadersInSteps", "Map"),
                StateTransition.inIteration("ShiftReaders", "Task", 0),
                StateTransition.topLevel("CutoverRolledBack", "Fail"));
    }

    @Test
    void result_carriesTheOutputOfASuccess() {
        NodeTranscript transcript = new NodeTranscript();
        transcript.accept("{\"event\":\"ExecutionSucceeded\",\"output\":{\"outcome\":{\"outcome\":\"completed\"}}}");

        ExecutionResult result = transcript.result(List.of(), "");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().path("outcome").path("outcome").asText()).isEqualTo("completed");
    }

    @Test
    void result_refusesToInventAnOutcome_whenNodeStoppedEarly_showingItsOutput() {
        NodeTranscript transcript = new NodeTranscript();
        transcript.accept("{\"event\":\"StateEntered\",\"state\":\"Preflight\",\"stateType\":\"Task\"}");
        transcript.accept("Segmentation fault");

        assertThatThrownBy(() -> transcript.result(List.of(), "node: out of memory"))
                .isInstanceOf(LocalRunFailedException.class)
                .hasMessageContaining("without an execution result")
                .hasMessageContaining("Segmentation fault")
                .hasMessageContaining("node: out of memory")
                .hasMessageContaining("[Preflight]");
    }

    @Test
    void result_reportsARunnerError_asAFailedRun() {
        NodeTranscript transcript = new NodeTranscript();
        transcript.accept("{\"event\":\"RunnerError\",\"error\":\"InvalidDefinition\",\"cause\":\"/States/X: bad\"}");

        assertThatThrownBy(() -> transcript.result(List.of(), ""))
                .isInstanceOf(LocalRunFailedException.class)
                .hasMessageContaining("InvalidDefinition: /States/X: bad");
    }
}
