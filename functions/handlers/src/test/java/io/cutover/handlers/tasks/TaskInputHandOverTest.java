package io.cutover.handlers.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.json.Json;
import io.cutover.core.rollback.RecoveryHandOver;
import io.cutover.handlers.errors.InvalidTaskInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskInputHandOverTest {

    private static TaskInput input(String json) {
        return new TaskInput("recover", "orders", "orders-1", Json.read(json, JsonNode.class));
    }

    @Test
    void absentOrNullHandOver_isTheWorkflowsOwnRollback() {
        assertThat(input("{}").optionalHandOver()).isNull();
        assertThat(input("{\"handOver\": null}").optionalHandOver()).isNull();
    }

    @Test
    void handOver_readsWhoAskedWhyAndTheStrategyByItsWireName() {
        RecoveryHandOver handOver = input("{\"handOver\": {\"requestedBy\": \"api\", \"reason\": \"rollback requested\","
                + " \"strategy\": \"pitr\"}}").optionalHandOver();

        assertThat(handOver).isEqualTo(new RecoveryHandOver("api", "rollback requested", RollbackStrategy.PITR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"pitr\"", "{\"requestedBy\": \"api\", \"reason\": \"r\", \"strategy\": \"PITR\"}",
            "{\"requestedBy\": \"api\", \"reason\": \"r\", \"strategy\": 1}",
            "{\"requestedBy\": \"api\", \"strategy\": \"dns\"}", "{\"reason\": \"r\", \"strategy\": \"dns\"}"})
    void malformedHandOver_isRefusedNamingTheFieldAndTheStrategies(String value) {
        assertThatThrownBy(() -> input("{\"handOver\": " + value + "}").optionalHandOver())
                .isExactlyInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("recover: handOver is")
                .hasMessageContaining("\"dns\", \"backtrack\", \"pitr\"");
    }
}
