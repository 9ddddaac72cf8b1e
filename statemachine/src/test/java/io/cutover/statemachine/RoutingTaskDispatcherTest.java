package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RoutingTaskDispatcherTest {
    private static final JsonNode DRAINED = ScriptedEnvironment.json("{\"drainMillis\": 3}");
    private static final JsonNode PUBLISHED = ScriptedEnvironment.json("{\"MessageId\": \"m-1\"}");

    @Test
    void dispatch_routesByTheTaskField_andTheRestByResource() {
        RoutingTaskDispatcher dispatcher = RoutingTaskDispatcher.builder()
                .onTask("drain", input -> DRAINED)
                .onResource(LocalResources.SNS_PUBLISH, input -> PUBLISHED)
                .build();

        assertThat(dispatcher.dispatch("Drain", LocalResources.WORKFLOW_TASKS_FUNCTION_ARN,
                ScriptedEnvironment.json("{\"task\": \"drain\"}"))).isEqualTo(DRAINED);
        assertThat(dispatcher.dispatch("NotifyCompleted", LocalResources.SNS_PUBLISH,
                ScriptedEnvironment.json("{\"Message\": \"done\"}"))).isEqualTo(PUBLISHED);
    }

    @Test
    void dispatch_sendsEveryWorkflowTaskToOneFunction_whenOnlyTheFunctionIsRouted() {
        RoutingTaskDispatcher dispatcher = RoutingTaskDispatcher.builder()
                .onResource(LocalResources.WORKFLOW_TASKS_FUNCTION_ARN, input -> input)
                .build();
        JsonNode input = ScriptedEnvironment.json("{\"task\": \"watch\", \"since\": \"2030-01-01T00:00:00Z\"}");

        assertThat(dispatcher.dispatch("Watch", LocalResources.WORKFLOW_TASKS_FUNCTION_ARN, input)).isEqualTo(input);
    }

    @Test
    void dispatch_namesTheStateTaskAndRoutes_whenNothingMatches() {
        RoutingTaskDispatcher dispatcher = RoutingTaskDispatcher.builder().onTask("drain", input -> DRAINED).build();

        assertThatThrownBy(() -> dispatcher.dispatch("FenceSource", LocalResources.WORKFLOW_TASKS_FUNCTION_ARN,
                ScriptedEnvironment.json("{\"task\": \"fenceSource\"}")))
                .isInstanceOf(UnroutedTaskException.class)
                .hasMessageContaining("FenceSource").hasMessageContaining("'fenceSource'").hasMessageContaining("[drain]");
    }

    @Test
    void builder_refusesToRouteATaskTwice() {
        RoutingTaskDispatcher.Builder builder = RoutingTaskDispatcher.builder().onTask("drain", input -> DRAINED);

        assertThatThrownBy(() -> builder.onTask("drain", input -> DRAINED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'drain'");
    }
}
