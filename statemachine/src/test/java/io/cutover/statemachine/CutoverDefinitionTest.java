package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of cutover.asl.json against docs/contracts.md and the rules of this workflow, read as JSON (no node):
 * what the interpreter tests cannot see because they only walk the paths they provoke.
 */
class CutoverDefinitionTest {
    private static final String LAMBDA = "${WorkflowTasksFunctionArn}";
    private static final String SFN_LAMBDA_EXCEPTIONS = "Step Functions Developer Guide, 'Handle transient Lambda"
            + " service exceptions':"
            + " https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html";
    private static final String LAMBDA_INVOKE_ERRORS = "AWS Lambda API Reference, 'Invoke', Errors:"
            + " https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html";
    private static final String LAMBDA_FUNCTION_STATES = "AWS Lambda Developer Guide, 'Lambda function states':"
            + " https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html";
    private static final String SNAPSTART_TROUBLESHOOTING = "AWS Lambda Developer Guide, 'Troubleshooting SnapStart"
            + " errors for Lambda functions':"
            + " https://docs.aws.amazon.com/lambda/latest/dg/snapstart-troubleshooting.html";
    /**
     * What a Lambda task retries, each error with where it is documented as a condition that passes: Lambda's own
     * service errors, throttling, a VPC function scaling up or waking after idling, a SnapStart version waking.
     * Not here, because a retry repeats them: configuration errors (KMS*, InvalidSubnetID..., EC2AccessDenied,
     * InvalidZipFile, InvalidRuntime, ResourceNotFound, RequestTooLarge, ...), SnapStartException (an after-restore
     * hook failed) and Lambda.Unknown (the function timed out or ran out of memory).
     */
    private static final Map<String, String> TRANSIENT = Map.ofEntries(
            Map.entry("io.cutover.handlers.errors.TransientTaskException", "docs/contracts.md, Workflow tasks"),
            Map.entry("Lambda.ClientExecutionTimeoutException", SFN_LAMBDA_EXCEPTIONS),
            Map.entry("Lambda.ServiceException", SFN_LAMBDA_EXCEPTIONS + "; " + LAMBDA_INVOKE_ERRORS + " (500)"),
            Map.entry("Lambda.AWSLambdaException", SFN_LAMBDA_EXCEPTIONS),
            Map.entry("Lambda.SdkClientException", SFN_LAMBDA_EXCEPTIONS),
            Map.entry("Lambda.TooManyRequestsException",
                    SFN_LAMBDA_EXCEPTIONS + "; " + LAMBDA_INVOKE_ERRORS + " (429)"),
            Map.entry("Lambda.EC2ThrottledException", LAMBDA_INVOKE_ERRORS + " (502)"),
            Map.entry("Lambda.ENILimitReachedException", LAMBDA_INVOKE_ERRORS + " (502)"),
            Map.entry("Lambda.SubnetIPAddressLimitReachedException", LAMBDA_INVOKE_ERRORS + " (502)"),
            Map.entry("Lambda.ENINotReadyException", LAMBDA_INVOKE_ERRORS + " (502)"),
            Map.entry("Lambda.ResourceNotReadyException",
                    LAMBDA_INVOKE_ERRORS + " (502); " + LAMBDA_FUNCTION_STATES),
            Map.entry("Lambda.SnapStartNotReadyException",
                    LAMBDA_INVOKE_ERRORS + " (409); " + SNAPSTART_TROUBLESHOOTING),
            Map.entry("Lambda.SnapStartTimeoutException",
                    LAMBDA_INVOKE_ERRORS + " (408); " + SNAPSTART_TROUBLESHOOTING));
    private static final Set<String> UNWINDING = Set.of("rollback", "recover", "finishRollback", "abandon",
            "restoreRecordTtl");

    private static JsonNode definition;
    private static Map<String, JsonNode> states;
    private static Path repositoryRoot;

    @BeforeAll
    static void read() throws IOException {
        StateMachineHome home = StateMachineHome.locate();
        repositoryRoot = home.directory().getParent();
        definition = Jackson.MAPPER.readTree(home.definition().toFile());
        states = new LinkedHashMap<>();
        collect(definition, states);
    }

    @Test
    void usesJsonPathOnly_withoutJsonataOrAssign() {
        assertThat(definition.path("QueryLanguage").asText("JSONPath")).isEqualTo("JSONPath");
        states.forEach((name, state) -> {
            assertThat(state.has("Assign")).as(name + " uses Assign").isFalse();
            assertThat(state.has("Arguments") || state.has("Output")).as(name + " uses JSONata fields").isFalse();
            assertThat(state.path("QueryLanguage").asText("JSONPath")).as(name).isEqualTo("JSONPath");
        });
        assertThat(definition.toString()).doesNotContain("{%");
    }

    @Test
    void everyWorkflowTask_passesTaskMigrationIdAndExecutionName() {
        assertThat(workflowTasks()).isNotEmpty().allSatisfy((name, state) -> {
            JsonNode parameters = state.path("Parameters");
            assertThat(parameters.path("task").isTextual()).as(name + " task").isTrue();
            assertThat(parameters.path("migrationId.$").asText()).as(name).isEqualTo("$.migrationId");
            assertThat(parameters.path("executionName.$").asText()).as(name).isEqualTo("$$.Execution.Name");
        });
    }

    @Test
    void theTasksInvoked_areExactlyTheTasksOfTheContractTable() throws IOException {
        Set<String> invoked = new TreeSet<>();
        workflowTasks().values().forEach(state -> invoked.add(state.path("Parameters").path("task").asText()));

        assertThat(invoked).isEqualTo(contractTasks());
    }

    @Test
    void everyWorkflowTask_keepsItsInput_byWritingItsResultBesideIt() {
        Map<String, String> resultPaths = new LinkedHashMap<>();
        workflowTasks().forEach((name, state) -> {
            JsonNode resultPath = state.get("ResultPath");
            assertThat(resultPath).as(name + " has no ResultPath: its result would replace the input").isNotNull();
            assertThat(resultPath.isNull() || resultPath.asText().matches("\\$\\.[A-Za-z]+"))
                    .as(name + " ResultPath " + resultPath).isTrue();
            if (resultPath.isTextual()) {
                resultPaths.put(name, resultPath.asText());
            }
        });
        assertThat(new TreeSet<>(resultPaths.values())).as("distinct result paths " + resultPaths)
                .hasSameSizeAs(resultPaths.values());
        assertThat(resultPaths.values()).doesNotContain("$.migrationId", "$.error", "$.attempt", "$.dryRun");
    }

    @Test
    void everyLambdaTask_retriesExactlyTheDocumentedTransientErrors_eachInOneRetrier() {
        assertThat(workflowTasks()).isNotEmpty();
        workflowTasks().forEach((name, state) -> {
            List<String> retried = new ArrayList<>();
            list(state.path("Retry")).forEach(retrier -> retrier.path("ErrorEquals").forEach(error -> {
                if (!error.asText().equals("States.ALL")) {
                    retried.add(error.asText());
                }
            }));
            Map<String, String> missing = new TreeMap<>(TRANSIENT);
            missing.keySet().removeAll(retried);

            assertThat(missing).as(name + " does not retry these documented transient errors (error=where)")
                    .isEmpty();
            assertThat(retried).as(name + " retries, besides States.ALL").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(TRANSIENT.keySet());
        });
    }

    @Test
    void forwardTasks_retryOnlyTransientErrors_andUnwindingTasksRetryBoundedly() {
        workflowTasks().forEach((name, state) -> {
            List<JsonNode> retriers = list(state.path("Retry"));
            assertThat(retriers).as(name).isNotEmpty();
            assertThat(strings(retriers.getFirst().path("ErrorEquals"))).as(name).isSubsetOf(TRANSIENT.keySet());
            retriers.forEach(retrier -> assertThat(retrier.path("MaxAttempts").asInt(-1)).as(name)
                    .isBetween(1, 12));
            boolean retriesEverything = retriers.stream()
                    .anyMatch(retrier -> strings(retrier.path("ErrorEquals")).contains("States.ALL"));
            String task = state.path("Parameters").path("task").asText();
            assertThat(retriesEverything).as(name + " retries logic errors").isEqualTo(UNWINDING.contains(task));
        });
    }

    @Test
    void everyTaskHasATimeout_withinWhatALambdaCanRun() {
        states.forEach((name, state) -> {
            if (state.path("Type").asText().equals("Task")) {
                assertThat(state.path("TimeoutSeconds").asInt(0)).as(name).isBetween(1, 900);
            }
        });
    }

    @Test
    void theExecutionHasNoOverallTimeout_becauseATimeoutWouldSkipTheRollback() {
        assertThat(definition.has("TimeoutSeconds")).isFalse();
        assertThat(definition.has("TimeoutSecondsPath")).isFalse();
    }

    @Test
    void notifications_publishToTheSubstitutedTopic_andNeverChangeTheOutcome() {
        List<String> notifications = new ArrayList<>();
        states.forEach((name, state) -> {
            if (state.path("Resource").asText().equals(LocalResources.SNS_PUBLISH)) {
                notifications.add(name);
                assertThat(state.path("Parameters").path("TopicArn").asText()).isEqualTo("${NotificationTopicArn}");
                assertThat(state.path("ResultPath").isNull()).as(name).isTrue();
                JsonNode catcher = state.path("Catch").path(0);
                assertThat(strings(catcher.path("ErrorEquals"))).as(name).containsExactly("States.ALL");
                assertThat(catcher.path("Next").asText()).as(name).isEqualTo(state.path("Next").asText());
            }
        });
        assertThat(notifications).containsExactlyInAnyOrder("NotifyAbandoned", "NotifyCompleted",
                "NotifyRolledBack", "NotifyRollbackFailed");
    }

    @Test
    void readerSteps_runOneAtATime_overThePlannedSteps() {
        JsonNode map = states.get("ShiftReadersInSteps");

        assertThat(map.path("Type").asText()).isEqualTo("Map");
        assertThat(map.path("ItemsPath").asText()).isEqualTo("$.plan.steps");
        assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(1);
        assertThat(map.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText()).isEqualTo("INLINE");
        assertThat(map.path("Catch").path(0).path("Next").asText()).isEqualTo("RollBack");
    }

    @Test
    void prepareSwitch_precountsBesideThePresync_beforeTheReverseSlotIsPrepared_andAnyBranchErrorRollsBack() {
        JsonNode parallel = states.get("PrepareSwitch");

        assertThat(parallel.path("Type").asText()).isEqualTo("Parallel");
        assertThat(list(parallel.path("Branches")).stream().map(b -> b.path("StartAt").asText()))
                .containsExactly("PrecountRows", "PresyncSequences");
        assertThat(parallel.path("Catch").path(0).path("Next").asText()).isEqualTo("RollBack");
        // The reverse slot is not prepared beside them: a rollback caught there could drop it while it is created
        assertThat(parallel.path("Next").asText()).isEqualTo("PrepareReverseReplication");
    }

    @Test
    void switchChecks_setTheSequencesBesideTheDrainAndItsChecks_andAnyBranchErrorRollsBack() {
        JsonNode parallel = states.get("SwitchChecks");

        assertThat(parallel.path("Type").asText()).isEqualTo("Parallel");
        assertThat(states.get("FenceSource").path("Next").asText()).isEqualTo("SwitchChecks");
        assertThat(list(parallel.path("Branches")).stream().map(b -> b.path("StartAt").asText()))
                .containsExactly("Drain", "SyncSequences");
        assertThat(parallel.path("Branches").path(0).path("States").path("VerifyRowCounts").path("End").asBoolean())
                .isTrue();
        JsonNode catcher = parallel.path("Catch").path(0);
        assertThat(strings(catcher.path("ErrorEquals"))).containsExactly("States.ALL");
        assertThat(catcher.path("Next").asText()).isEqualTo("RollBack");
        assertThat(parallel.path("Next").asText()).isEqualTo("StartReverseReplication");
    }

    @Test
    void lockHeld_goesStraightToAFailState() {
        JsonNode catcher = list(states.get("Preflight").path("Catch")).getFirst();

        assertThat(strings(catcher.path("ErrorEquals")))
                .containsExactly("io.cutover.handlers.errors.LockHeldException");
        assertThat(states.get(catcher.path("Next").asText()).path("Type").asText()).isEqualTo("Fail");
    }

    /** Every state of the definition, Map item processors and Parallel branches included (names are unique). */
    private static void collect(JsonNode machine, Map<String, JsonNode> into) {
        machine.path("States").fields().forEachRemaining(entry -> {
            assertThat(into.put(entry.getKey(), entry.getValue())).as("state name " + entry.getKey() + " reused")
                    .isNull();
            JsonNode processor = entry.getValue().path("ItemProcessor");
            if (!processor.isMissingNode()) {
                collect(processor, into);
            }
            entry.getValue().path("Branches").forEach(branch -> collect(branch, into));
        });
    }

    private static Map<String, JsonNode> workflowTasks() {
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        states.forEach((name, state) -> {
            if (state.path("Resource").asText().equals(LAMBDA)) {
                tasks.put(name, state);
            }
        });
        return tasks;
    }

    /** The task names in the "Workflow tasks" table of docs/contracts.md. */
    private static Set<String> contractTasks() throws IOException {
        String contracts = Files.readString(repositoryRoot.resolve("docs").resolve("contracts.md"));
        int start = contracts.indexOf("## Workflow tasks");
        assertThat(start).as("docs/contracts.md has a 'Workflow tasks' section").isNotNegative();
        int end = contracts.indexOf("\n## ", start + 1);
        String section = contracts.substring(start, end < 0 ? contracts.length() : end);
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(section);
        Set<String> tasks = new TreeSet<>();
        while (row.find()) {
            tasks.add(row.group(1));
        }
        return tasks;
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
