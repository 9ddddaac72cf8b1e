package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TaskErrorTest {
    @Test
    void of_keepsTheNameAndCauseOfATaskFailure() {
        TaskError error = TaskError.of(new TaskFailedException("io.cutover.handlers.errors.DrainTimeoutException",
                "still 4 changes after 300 s"));

        assertThat(error).isEqualTo(new TaskError("io.cutover.handlers.errors.DrainTimeoutException",
                "still 4 changes after 300 s"));
    }

    @Test
    void of_reportsAnyOtherExceptionLikeTheLambdaJavaRuntime() {
        TaskError error = TaskError.of(new IllegalArgumentException("percent 120 is not 0..100"));

        assertThat(error.error()).isEqualTo("java.lang.IllegalArgumentException");
        JsonNode report = ScriptedEnvironment.json(error.cause());
        assertThat(report.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(report.get("errorMessage").asText()).isEqualTo("percent 120 is not 0..100");
        assertThat(report.get("stackTrace").get(0).asText()).startsWith(TaskErrorTest.class.getName());
    }
}
