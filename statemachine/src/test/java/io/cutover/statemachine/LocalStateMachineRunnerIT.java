package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner itself, on small definitions: waits, deadline, interpreter validation, Map failure, broken scripts. */
class LocalStateMachineRunnerIT {
    private static final String LAMBDA = LocalResources.WORKFLOW_TASKS_FUNCTION_ARN;

    private static LocalStateMachineRunner runner;

    @TempDir
    Path dir;

    @BeforeAll
    static void locateRunner() {
        runner = LocalStateMachineRunner.locate();
    }

    @Test
    void locate_findsANode22_forTheInterpreter() {
        assertThat(runner.node().version().isAtLeast(NodeVersion.REQUIRED)).isTrue();
    }

    @Test
    void waitState_asksThePolicyWithTheRequestedSeconds_andPausesForWhatItReturns() throws IOException {
        // GIVEN a Wait of 2 s taken from the input, run ten times faster
        Path definition = write("""
                {"StartAt": "Nap", "States": {
                  "Nap": {"Type": "Wait", "SecondsPath": "$.napSeconds", "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}""");
        RunOptions options = RunOptions.immediate("nap-1").withWaits(WaitPolicy.speedUp(10));

        // WHEN
        long started = System.nanoTime();
        ExecutionResult result = runner.run(definition, ScriptedEnvironment.json("{\"napSeconds\": 2}"),
                failEveryTask(), options);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // THEN
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.waits()).containsExactly(new WaitRecord("Nap", 2.0, Duration.ofMillis(200)));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(result.stateNames()).containsExactly("Nap", "Done");
        assertThat(result.output()).isEqualTo(ScriptedEnvironment.json("{\"napSeconds\": 2}"));
    }

    @Test
    void deadline_killsARunThatTakesTooLong_andSaysWhereItWas() throws IOException {
        Path definition = write("""
                {"StartAt": "LongNap", "States": {
                  "LongNap": {"Type": "Wait", "Seconds": 600, "End": true}}}""");
        RunOptions options = RunOptions.immediate("long-1").withWaits(WaitPolicy.asRequested())
                .withDeadline(Duration.ofSeconds(3));

        long started = System.nanoTime();
        assertThatThrownBy(() -> runner.run(definition, ScriptedEnvironment.json("{}"), failEveryTask(), options))
                .isInstanceOf(LocalRunFailedException.class)
                .hasMessageContaining("deadline of PT3S")
                .satisfies(e -> assertThat(((LocalRunFailedException) e).statesSoFar())
                        .extracting(StateTransition::name).containsExactly("LongNap"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void invalidDefinition_isRejectedBeforeAnythingRuns() throws IOException {
        Path definition = write("""
                {"StartAt": "First", "States": {
                  "First": {"Type": "Pass", "Next": "Nowhere"}}}""");

        assertThatThrownBy(() -> runner.run(definition, ScriptedEnvironment.json("{}"), failEveryTask(),
                RunOptions.immediate("bad-1")))
                .isInstanceOf(LocalRunFailedException.class)
                .hasMessageContaining("InvalidDefinition");
    }

    @Test
    void placeholderWithoutAValue_isRejectedByName() throws IOException {
        Path definition = write("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "${SomeOtherFunctionArn}", "End": true}}}""");

        assertThatThrownBy(() -> runner.run(definition, ScriptedEnvironment.json("{}"), failEveryTask(),
                RunOptions.immediate("bad-2")))
                .isInstanceOf(LocalRunFailedException.class)
                .hasMessageContaining("SomeOtherFunctionArn");
    }

    @Test
    void failedMapIteration_startsNoFurtherIteration_evenWithQueuedItems() throws IOException {
        // GIVEN a sequential Map whose second item fails (aws-local-stepfunctions alone would still run items 3 and 4)
        Path definition = write("""
                {"StartAt": "EachStep", "States": {
                  "EachStep": {"Type": "Map", "ItemsPath": "$.steps", "MaxConcurrency": 1,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Step", "States": {
                      "Step": {"Type": "Task", "Resource": "%s", "End": true}}},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
                    "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA));
        List<Integer> stepsRun = new CopyOnWriteArrayList<>();
        TaskDispatcher dispatcher = (state, resource, input) -> {
            stepsRun.add(input.asInt());
            if (input.asInt() == 2) {
                throw new TaskFailedException("StepFailed", "step 2 failed");
            }
            return input;
        };

        ExecutionResult result = runner.run(definition, ScriptedEnvironment.json("{\"steps\": [1, 2, 3, 4]}"),
                dispatcher, RunOptions.immediate("map-1"));

        assertThat(stepsRun).containsExactly(1, 2);
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().path("error")).isEqualTo(ScriptedEnvironment.json("""
                {"Error": "StepFailed", "Cause": "step 2 failed"}"""));
        assertThat(result.stateNames()).containsExactly("EachStep", "Step", "Step", "Caught");
    }

    @Test
    void brokenDispatcher_failsTheRun_insteadOfBecomingATaskError() throws IOException {
        Path definition = write("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "%s",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA));
        TaskDispatcher dispatcher = (state, resource, input) -> {
            throw new AssertionError("the test script expected no call to " + state);
        };

        assertThatThrownBy(() -> runner.run(definition, ScriptedEnvironment.json("{}"), dispatcher,
                RunOptions.immediate("broken-1")))
                .isInstanceOf(LocalRunFailedException.class)
                .hasRootCauseInstanceOf(AssertionError.class)
                .hasRootCauseMessage("the test script expected no call to Call");
    }

    @Test
    void retryPauseAsDefined_keepsTheDefinitionsInterval() throws IOException {
        // GIVEN a retry interval of 1 s that the run does not override
        Path definition = write("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "%s",
                    "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1}], "End": true}}}"""
                .formatted(LAMBDA));
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        TaskDispatcher dispatcher = (state, resource, input) -> {
            callTimes.add(System.nanoTime());
            if (callTimes.size() == 1) {
                throw new TaskFailedException("Flaky", "first call fails");
            }
            return ScriptedEnvironment.json("{\"ok\": true}");
        };

        ExecutionResult result = runner.run(definition, ScriptedEnvironment.json("{}"), dispatcher,
                RunOptions.immediate("retry-1").withRetryPause(Optional.empty()));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(callTimes).hasSize(2);
        assertThat(Duration.ofNanos(callTimes.get(1) - callTimes.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void taskResultOverStepFunctionsPayloadLimit_failsTheExecution_pastItsRetryAndCatch() throws IOException {
        // GIVEN a task that returns 300 KB, with a Retry and a Catch for every error (AWS: States.DataLimitExceeded is
        // terminal, States.ALL does not match it)
        Path definition = write("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "%s",
                    "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA));
        List<String> calls = new CopyOnWriteArrayList<>();
        TaskDispatcher dispatcher = (state, resource, input) -> {
            calls.add(state);
            return ScriptedEnvironment.json("{\"blob\": \"" + "x".repeat(300_000) + "\"}");
        };

        // WHEN
        ExecutionResult result = runner.run(definition, ScriptedEnvironment.json("{}"), dispatcher,
                RunOptions.immediate("big-1"));

        // THEN the run fails with AWS's error, the task was not retried and the Catch was not taken
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(result.cause()).contains("'Call'", "262144");
        assertThat(calls).containsExactly("Call");
        assertThat(result.stateNames()).doesNotContain("Caught");
    }

    @Test
    void taskResultJustUnderTheLimit_passes() throws IOException {
        Path definition = write("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(LAMBDA));
        // {"blob":"..."} is 11 bytes around the string: 262144 bytes in all, the result and the state's output
        TaskDispatcher dispatcher = (state, resource, input) ->
                ScriptedEnvironment.json("{\"blob\": \"" + "x".repeat(262_144 - 11) + "\"}");

        ExecutionResult result = runner.run(definition, ScriptedEnvironment.json("{}"), dispatcher,
                RunOptions.immediate("big-2"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void stateOutputOverTheLimit_failsTheExecution_evenWhenEachTaskResultFits() throws IOException {
        // GIVEN two results of 150 KB kept side by side: the second state's output is 300 KB
        Path definition = write("""
                {"StartAt": "First", "States": {
                  "First": {"Type": "Task", "Resource": "%1$s", "ResultPath": "$.first", "Next": "Second"},
                  "Second": {"Type": "Task", "Resource": "%1$s", "ResultPath": "$.second",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Caught"}],
                    "Next": "Third"},
                  "Third": {"Type": "Task", "Resource": "%1$s", "ResultPath": null, "Next": "End"},
                  "Caught": {"Type": "Pass", "Next": "End"},
                  "End": {"Type": "Succeed"}}}""".formatted(LAMBDA));
        List<String> calls = new CopyOnWriteArrayList<>();
        TaskDispatcher dispatcher = (state, resource, input) -> {
            calls.add(state);
            return ScriptedEnvironment.json("{\"blob\": \"" + "x".repeat(150_000) + "\"}");
        };

        ExecutionResult result = runner.run(definition, ScriptedEnvironment.json("{}"), dispatcher,
                RunOptions.immediate("big-3"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(result.cause()).contains("'Second'");
        assertThat(result.stateNames()).doesNotContain("Caught", "End");
        // AND the state after it never ran, as in AWS
        assertThat(calls).containsExactly("First", "Second");
    }

    @Test
    void executionName_reachesTheDefinitionAsContext() throws IOException {
        Path definition = write("""
                {"StartAt": "Name", "States": {
                  "Name": {"Type": "Pass", "Parameters": {"name.$": "$$.Execution.Name", "id.$": "$$.Execution.Id"},
                    "End": true}}}""");

        ExecutionResult result = runner.run(definition, ScriptedEnvironment.json("{}"), failEveryTask(),
                RunOptions.immediate("orders-db-7"));

        assertThat(result.output().path("name").asText()).isEqualTo("orders-db-7");
        assertThat(result.output().path("id").asText()).endsWith(":execution:cutover:orders-db-7");
    }

    private static TaskDispatcher failEveryTask() {
        return (state, resource, input) -> {
            throw new AssertionError("no task expected, got " + state);
        };
    }

    private Path write(String definition) throws IOException {
        JsonNode parsed = ScriptedEnvironment.json(definition);
        Path file = dir.resolve("definition.asl.json");
        Files.writeString(file, parsed.toPrettyString());
        return file;
    }
}
