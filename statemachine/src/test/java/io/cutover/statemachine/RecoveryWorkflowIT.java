package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollback's recovery on the real cutover.asl.json and interpreter, the tasks scripted: a point-in-time restore
 * is waited for in Wait and Choice states (RDS takes minutes to hours), its writer added only once the restored
 * cluster is available, and the wait bounded by the deadline recover gave; a hand-over from the alarm handler or
 * the API enters the workflow at the recovery. Waits are zero.
 */
class RecoveryWorkflowIT {
    private static final String EXECUTION = "orders-db-1";
    private static final JsonNode INPUT = ScriptedEnvironment.json("""
            {"migrationId": "orders-db", "attempt": 1, "dryRun": false}""");
    private static final String ALARM = "io.cutover.handlers.errors.AlarmFiredException";

    private static LocalStateMachineRunner runner;

    @BeforeAll
    static void locateRunner() {
        runner = LocalStateMachineRunner.locate();
    }

    private static ExecutionResult run(ScriptedEnvironment environment, JsonNode input) {
        return runner.run(runner.home().definition(), input, environment.dispatcher(),
                RunOptions.immediate(EXECUTION));
    }

    /** An alarm after the switch, and a recover that started a point-in-time restore. */
    private static ScriptedEnvironment alarmAfterTheSwitchWithARestore() {
        return new ScriptedEnvironment()
                .on("watch", (input, call) -> {
                    throw new TaskFailedException(ALARM, "orders-aurora-cpu-high in ALARM");
                })
                .on("recover", (input, call) -> ScriptedEnvironment.restoreStarted());
    }

    @Test
    void restoreStillCreating_loopsOnWaitAndLook_thenAddsTheWriter_andFinishesOnceTheWriterIsAvailable() {
        // GIVEN a restored cluster RDS reports creating twice, then available; its writer creating once
        ScriptedEnvironment environment = alarmAfterTheSwitchWithARestore()
                .on("checkRestore", (input, call) -> input.path("resource").asText().equals("cluster")
                        ? ScriptedEnvironment.restore(call >= 3, false, "restored cluster creating")
                        : ScriptedEnvironment.restore(call >= 5, false, "writer creating"));

        // WHEN
        ExecutionResult result = run(environment, INPUT);

        // THEN the writer is asked for only after the cluster was seen available, and the rollback ends after it
        assertThat(result.error()).as(result.cause()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels()).containsSubsequence("watch", "rollback", "recover",
                "checkRestore cluster", "checkRestore cluster", "checkRestore cluster", "createRestoredWriter",
                "checkRestore writer", "checkRestore writer", "finishRollback", "notify Cutover rolled back");
        assertThat(environment.labels().subList(environment.indexOf("recover"), environment.indexOf("finishRollback")))
                .containsExactly("recover", "checkRestore cluster", "checkRestore cluster", "checkRestore cluster",
                        "createRestoredWriter", "checkRestore writer", "checkRestore writer");
        // AND each look waited the poll recover gave, and passed on the deadline it gave
        assertThat(result.waits()).filteredOn(wait -> wait.stateName().startsWith("WaitForRestored"))
                .extracting(WaitRecord::stateName, WaitRecord::requestedSeconds).containsExactly(
                        tuple("WaitForRestoredCluster", 120.0), tuple("WaitForRestoredCluster", 120.0),
                        tuple("WaitForRestoredCluster", 120.0), tuple("WaitForRestoredWriter", 120.0),
                        tuple("WaitForRestoredWriter", 120.0));
        assertThat(environment.callsOf("checkRestore")).allSatisfy(call -> assertThat(call.input().path("deadline")
                .asText()).isEqualTo(ScriptedEnvironment.RESTORE_DEADLINE));
    }

    @Test
    void restorePastItsDeadline_endsInRollbackFailed_sayingWhatIsStillRestoring() {
        // GIVEN a restored cluster still creating when the deadline passes
        String summary = "restored cluster orders-aurora-restored is still creating at 2030-01-01T20:01:00Z, past"
                + " the restore deadline 2030-01-01T20:00:00Z";
        ScriptedEnvironment environment = alarmAfterTheSwitchWithARestore()
                .on("checkRestore", (input, call) -> call >= 2 ? ScriptedEnvironment.restore(false, true, summary)
                        : ScriptedEnvironment.restore(false, false, "restored cluster creating"));

        // WHEN
        ExecutionResult result = run(environment, INPUT);

        // THEN the execution gives up, names what is still restoring, and never asks for the writer nor finishes
        assertThat(result.error()).isEqualTo("RollbackFailed");
        assertThat(result.cause()).isEqualTo(summary);
        assertThat(result.stateNames()).containsSubsequence("CheckRestoredCluster", "RestoredClusterTimedOut",
                "NotifyRollbackFailed", "RollbackFailed");
        assertThat(environment.labels()).doesNotContain("createRestoredWriter", "finishRollback");
        assertThat(environment.callsOf("notify").getLast().input().path("Message").asText())
                .contains("RestoreTimedOut", "orders-aurora-restored is still creating");
    }

    @Test
    void writerRefusedBecauseTheClusterIsNotAvailableAnyMore_waitsAndLooksAgain() {
        ScriptedEnvironment environment = alarmAfterTheSwitchWithARestore()
                .failingFirst("createRestoredWriter", 1, "io.cutover.handlers.errors.RestoreNotReadyException");

        ExecutionResult result = run(environment, INPUT);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels().subList(environment.indexOf("recover"), environment.indexOf("finishRollback")))
                .containsExactly("recover", "checkRestore cluster", "createRestoredWriter", "checkRestore cluster",
                        "createRestoredWriter", "checkRestore writer");
        assertThat(result.cause()).as("the original error stays the cause").contains("orders-aurora-cpu-high");
    }

    @Test
    void failedRestore_endsInRollbackFailed_withoutRetryingForMinutes() {
        ScriptedEnvironment environment = alarmAfterTheSwitchWithARestore().on("checkRestore", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.RestoreFailedException",
                    "restored cluster orders-aurora-restored is inaccessible-encryption-credentials");
        });

        ExecutionResult result = run(environment, INPUT);

        assertThat(result.error()).isEqualTo("RollbackFailed");
        assertThat(result.cause()).contains("inaccessible-encryption-credentials");
        assertThat(environment.callsOf("checkRestore")).hasSize(1);
    }

    @Test
    void backtrackOrNothingToRecover_finishesWithoutWaiting() {
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .on("watch", (input, call) -> {
                    throw new TaskFailedException(ALARM, "orders-aurora-cpu-high in ALARM");
                })
                .on("recover", (input, call) -> ScriptedEnvironment.json("""
                        {"recovery": "backtrack", "restoring": false, "detail": "Backtrack requested"}"""));

        ExecutionResult result = run(environment, INPUT);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels()).containsSubsequence("rollback", "recover", "finishRollback")
                .doesNotContain("checkRestore cluster", "createRestoredWriter");
        assertThat(environment.callsOf("recover").getFirst().input().path("handOver").isNull()).isTrue();
        assertThat(environment.callsOf("finishRollback").getFirst().input().path("handOver").isNull()).isTrue();
    }

    @Test
    void aRollbackBegunOutsideJustBeforeComplete_isJoined_soTheRecoveryItLeftToThisExecutionRuns() {
        // GIVEN an alarm rollback landed after the watch: complete refuses (the migration is ROLLING_BACK)
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .on("complete", (input, call) -> {
                    throw new TaskFailedException("io.cutover.handlers.errors.CutoverAbortedException",
                            "migration orders-db is ROLLING_BACK: complete will not run");
                })
                .on("recover", (input, call) -> ScriptedEnvironment.restoreStarted());

        ExecutionResult result = run(environment, INPUT);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels()).containsSubsequence("complete", "rollback", "recover",
                "checkRestore cluster", "createRestoredWriter", "checkRestore writer", "finishRollback");
    }

    @Test
    void handOver_entersAtTheRecovery_passingItToRecover_withoutPreflightOrTraffic() {
        // GIVEN an execution started by the alarm handler after it put traffic back
        JsonNode handOver = ScriptedEnvironment.json("""
                {"requestedBy": "alarm orders-aurora-cpu-high", "reason": "alarm orders-aurora-cpu-high in ALARM",
                 "strategy": "pitr"}""");
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .on("recover", (input, call) -> ScriptedEnvironment.restoreStarted());

        // WHEN
        ExecutionResult result = run(environment, ScriptedEnvironment.json("""
                {"migrationId": "orders-db", "attempt": 2, "dryRun": false, "handOver": %s}""".formatted(handOver)));

        // THEN
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels()).containsExactly("recover", "checkRestore cluster", "createRestoredWriter",
                "checkRestore writer", "finishRollback", "notify Cutover rolled back");
        assertThat(environment.callsOf("recover").getFirst().input().path("handOver")).isEqualTo(handOver);
        assertThat(environment.callsOf("finishRollback").getFirst().input().path("handOver")).isEqualTo(handOver);
        assertThat(result.cause()).isEqualTo("alarm orders-aurora-cpu-high in ALARM");
    }

    @Test
    void malformedHandOver_failsWithInvalidExecutionInput_callingNothing() {
        ScriptedEnvironment environment = new ScriptedEnvironment();

        ExecutionResult result = run(environment, ScriptedEnvironment.json("""
                {"migrationId": "orders-db", "attempt": 2, "dryRun": false, "handOver": {"reason": 7}}"""));

        assertThat(result.error()).isEqualTo("InvalidExecutionInput");
        assertThat(result.cause()).contains("requestedBy", "reason", "strategy");
        assertThat(environment.calls()).isEmpty();
    }
}
