package io.cutover.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real cutover.asl.json on the real interpreter, with a scripted environment answering the tasks: which path
 * the workflow takes for each kind of trouble. Waits and retry pauses are zero.
 */
class CutoverWorkflowIT {
    private static final String EXECUTION = "orders-db-1";
    private static final JsonNode INPUT = ScriptedEnvironment.json("""
            {"migrationId": "orders-db", "attempt": 1, "dryRun": false}""");
    private static final String HEALTH_CHECK_FAILED = "io.cutover.handlers.errors.HealthCheckFailedException";
    private static final String TRANSIENT = "io.cutover.handlers.errors.TransientTaskException";

    private static LocalStateMachineRunner runner;

    @BeforeAll
    static void locateRunner() {
        runner = LocalStateMachineRunner.locate();
    }

    private static ExecutionResult run(ScriptedEnvironment environment) {
        return runner.run(runner.home().definition(), INPUT, environment.dispatcher(),
                RunOptions.immediate(EXECUTION));
    }

    @Test
    void happyPath_gatesShiftsReadersInStepsSwitchesWriterWatchesAndCompletes_inThatOrder() {
        // GIVEN readiness after three polls, healthy steps, a watch that is done on its second look
        ScriptedEnvironment environment = new ScriptedEnvironment();

        // WHEN
        ExecutionResult result = run(environment);

        // THEN
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // The sequences are set beside the drain and its checks (SwitchChecks): in any order among them
        // and the pre-sync beside the precount (PrepareSwitch)
        List<String> labels = new java.util.ArrayList<>(environment.labels());
        int sequences = labels.indexOf("syncSequences");
        assertThat(sequences).isGreaterThan(labels.indexOf("fenceSource"))
                .isLessThan(labels.indexOf("startReverseReplication"));
        labels.remove(sequences);
        int presync = labels.indexOf("presyncSequences");
        assertThat(presync).isGreaterThan(labels.indexOf("checkReadiness writer"))
                .isLessThan(labels.indexOf("prepareReverseReplication"));
        labels.remove(presync);
        assertThat(labels).containsExactly(
                "preflight",
                "checkReadiness reader", "checkReadiness reader", "checkReadiness reader",
                "recordRollbackPoint", "lowerRecordTtl",
                "shiftReaders 20", "verifyHealth 20", "shiftReaders 50", "verifyHealth 50",
                "shiftReaders 80", "verifyHealth 80", "shiftReaders 100", "verifyHealth 100",
                "checkReadiness writer",
                "precountRows", "prepareReverseReplication", "snapshotSource", "fenceSource",
                "drain", "resetSessionReplicationRole", "verifyRowCounts",
                "startReverseReplication", "checkFence", "switchWriter", "stopReplication",
                "watch", "watch",
                "complete", "restoreRecordTtl",
                "notify Cutover completed");
        assertThat(result.stateNames()).containsSubsequence("FenceSource", "Drain", "SwitchWriter", "Succeeded");
        assertThat(result.stateNames()).last().isEqualTo("Succeeded");
    }

    @Test
    void happyPath_passesTheContractFieldsToEveryTask() {
        ScriptedEnvironment environment = new ScriptedEnvironment();

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        environment.calls().stream().filter(call -> !call.task().equals("notify")).forEach(call -> {
            assertThat(call.input().path("migrationId").asText()).as(call.label()).isEqualTo("orders-db");
            assertThat(call.input().path("executionName").asText()).as(call.label()).isEqualTo(EXECUTION);
        });
        assertThat(environment.callsOf("checkReadiness").getFirst().input().path("deadline").asText())
                .isEqualTo(ScriptedEnvironment.READER_DEADLINE);
        assertThat(environment.callsOf("watch")).allSatisfy(call ->
                assertThat(call.input().path("since").asText()).isEqualTo(ScriptedEnvironment.SWITCHED_AT));
        JsonNode notification = environment.callsOf("notify").getFirst().input();
        assertThat(notification.path("TopicArn").asText()).isEqualTo(LocalResources.NOTIFICATION_TOPIC_ARN);
        assertThat(notification.path("Message").asText()).contains("orders-db", EXECUTION, "completed");
    }

    @Test
    void happyPath_bakesAndPollsForTheSecondsThePlanGives() {
        ScriptedEnvironment environment = new ScriptedEnvironment();

        ExecutionResult result = run(environment);

        assertThat(result.waits()).extracting(WaitRecord::stateName, WaitRecord::requestedSeconds).containsExactly(
                tuple("WaitForReaderReadiness", 60.0),
                tuple("WaitForReaderReadiness", 60.0),
                tuple("BakeReaders", 300.0),
                tuple("BakeReaders", 300.0),
                tuple("BakeReaders", 300.0),
                tuple("BakeReaders", 300.0),
                tuple("WaitForDnsCaches", 0.0),
                tuple("WaitBeforeNextWatch", 30.0));
        assertThat(result.waits()).allSatisfy(wait -> assertThat(wait.applied()).isEqualTo(Duration.ZERO));
        assertThat(result.states()).filteredOn(state -> state.name().equals("BakeReaders"))
                .extracting(state -> state.mapIteration().getAsInt()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void writerGate_opensAFreshWindow_thenPassesTheDeadlineItWasGivenBack() {
        // GIVEN a writer gate that is ready on its third check
        ScriptedEnvironment environment = new ScriptedEnvironment().on("checkReadiness", (input, call) ->
                input.get("gate").asText().equals("reader")
                        ? ScriptedEnvironment.readiness(true, false, input, "ok")
                        : ScriptedEnvironment.readiness(call >= 4, false, input, "writer lag 3 s"));

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<JsonNode> writerDeadlines = environment.callsOf("checkReadiness").stream()
                .filter(call -> call.input().get("gate").asText().equals("writer"))
                .map(call -> call.input().get("deadline")).toList();
        assertThat(writerDeadlines).hasSize(3);
        assertThat(writerDeadlines.get(0).isNull()).isTrue();
        assertThat(writerDeadlines.subList(1, 3)).allSatisfy(deadline ->
                assertThat(deadline.asText()).isEqualTo(ScriptedEnvironment.WRITER_DEADLINE));
    }

    @Test
    void readinessNeverReached_abandonsAtTheDeadline_withoutMovingAnyWeight() {
        // GIVEN a reader gate that never becomes ready and reports its deadline passed on the fourth check
        ScriptedEnvironment environment = new ScriptedEnvironment().on("checkReadiness", (input, call) ->
                ScriptedEnvironment.readiness(false, call >= 4, input, "lag 45 s > 30 s on ORDERSTASKTWO"));

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("ReadinessTimedOut");
        assertThat(result.cause()).isEqualTo("lag 45 s > 30 s on ORDERSTASKTWO");
        assertThat(environment.labels()).containsExactly("preflight",
                "checkReadiness reader", "checkReadiness reader", "checkReadiness reader", "checkReadiness reader",
                "abandon", "notify Cutover abandoned before any traffic moved");
        assertThat(environment.callsOf("abandon").getFirst().input().get("cause")).isEqualTo(
                ScriptedEnvironment.json("""
                        {"Error": "ReadinessTimedOut", "Cause": "lag 45 s > 30 s on ORDERSTASKTWO"}"""));
        assertThat(result.timesEntered("WaitForReaderReadiness")).isEqualTo(3);
    }

    @Test
    void healthCheckFailingAt50_rollsBack_withoutFurtherStepsOrFencing() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("verifyHealth", (input, call) -> {
            if (input.get("percent").asInt() == 50) {
                throw new TaskFailedException(HEALTH_CHECK_FAILED, "alarm orders-aurora-cpu-high in ALARM at 50 %");
            }
            return ScriptedEnvironment.json("{\"healthy\": true, \"summary\": \"ok\"}");
        });

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).isEqualTo("alarm orders-aurora-cpu-high in ALARM at 50 %");
        assertThat(environment.labels()).containsExactly("preflight",
                "checkReadiness reader", "checkReadiness reader", "checkReadiness reader", "recordRollbackPoint",
                "lowerRecordTtl", "shiftReaders 20", "verifyHealth 20", "shiftReaders 50", "verifyHealth 50",
                "rollback", "restoreRecordTtl", "recover", "finishRollback", "notify Cutover rolled back");
        assertThat(environment.callsOf("rollback").getFirst().input().get("cause")).isEqualTo(
                ScriptedEnvironment.json("""
                        {"Error": "%s", "Cause": "alarm orders-aurora-cpu-high in ALARM at 50 %%"}"""
                        .formatted(HEALTH_CHECK_FAILED)));
        assertThat(result.entered("FenceSource")).isFalse();
    }

    @Test
    void drainFailingAfterFence_rollsBack_withTheDrainErrorAsCause() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("drain", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.DrainTimeoutException",
                    "CDCIncomingChanges still 42 after 300 s");
        });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.indexOf("fenceSource")).isLessThan(environment.indexOf("drain"));
        assertThat(environment.indexOf("drain")).isLessThan(environment.indexOf("rollback"));
        // (the sequences are set beside the drain; nothing after either runs)
        assertThat(environment.labels()).doesNotContain("resetSessionReplicationRole", "verifyRowCounts",
                "startReverseReplication", "switchWriter", "complete");
        assertThat(environment.callsOf("rollback").getFirst().input().get("cause")).isEqualTo(
                ScriptedEnvironment.json("""
                        {"Error": "io.cutover.handlers.errors.DrainTimeoutException",
                         "Cause": "CDCIncomingChanges still 42 after 300 s"}"""));
        assertThat(result.stateNames()).containsSubsequence("FenceSource", "Drain", "RollBack", "Recover",
                "FinishRollback", "NotifyRolledBack", "CutoverRolledBack");
    }

    @Test
    void reverseReplicationRefused_rollsBackBeforeTheWriterMoves_withTheRefusalAsCause() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("startReverseReplication", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.ReverseReplicationRefusedException",
                    "the reverse subscription would be owned by orders_app, a fenced application role");
        });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.indexOf("verifyRowCounts")).isLessThan(environment.indexOf("startReverseReplication"));
        assertThat(environment.indexOf("startReverseReplication")).isLessThan(environment.indexOf("rollback"));
        assertThat(environment.labels()).doesNotContain("switchWriter", "complete");
        assertThat(environment.callsOf("rollback").getFirst().input().path("cause").path("Error").asText())
                .isEqualTo("io.cutover.handlers.errors.ReverseReplicationRefusedException");
        assertThat(result.stateNames()).containsSubsequence("VerifyRowCounts", "StartReverseReplication", "RollBack",
                "FinishRollback", "CutoverRolledBack");
    }

    @Test
    void lockHeld_failsWithoutRollingBackOrReleasingTheLock() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("preflight", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.LockHeldException",
                    "lock /cutover/orders-db/lock held by orders-db-0 since 2030-01-01T09:00:00Z");
        });

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("LockHeld");
        assertThat(result.cause()).contains("held by orders-db-0");
        assertThat(environment.labels()).containsExactly("preflight");
        assertThat(result.stateNames()).containsExactly("Start", "NoHandOver", "Preflight", "LockHeld");
    }

    @Test
    void preflightFailure_failsWithNothingElseDone() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("preflight", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.PreflightFailedException",
                    "record group orders-reader: no weighted record with set identifier aurora");
        });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("PreflightFailed");
        assertThat(result.cause()).contains("orders-reader");
        assertThat(environment.labels()).containsExactly("preflight");
    }

    @Test
    void transientShiftFailureOnce_isRetried_andTheCutoverCompletes() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("shiftReaders", (input, call) -> {
            if (call == 1) {
                throw new TaskFailedException(TRANSIENT, "Route 53 PriorRequestNotComplete beyond the adapter's retries");
            }
            int percent = input.get("percent").asInt();
            return ScriptedEnvironment.json("{\"changed\": true, \"weights\": {\"orders-reader\": {\"source\": %d, \"target\": %d}}}"
                    .formatted(100 - percent, percent));
        });

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(environment.labels()).containsSubsequence("shiftReaders 20", "shiftReaders 20", "verifyHealth 20",
                "shiftReaders 50");
        assertThat(environment.callsOf("shiftReaders")).hasSize(5);
        assertThat(environment.labels()).doesNotContain("rollback");
    }

    @Test
    void lambdaNotReadyAndVpcScaleUpErrors_areRetried_andTheCutoverCompletes() {
        // GIVEN a SnapStart version idle for 14 days (SnapStartNotReady until it is Active again), a VPC function
        // whose network interface is being recreated, and EC2 throttling Lambda while it scales up in the VPC
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .failingFirst("preflight", 7, "Lambda.SnapStartNotReadyException")
                .failingFirst("recordRollbackPoint", 3, "Lambda.ResourceNotReadyException")
                .failingFirst("drain", 2, "Lambda.EC2ThrottledException")
                .failingFirst("switchWriter", 1, "Lambda.ENILimitReachedException");

        // WHEN
        ExecutionResult result = run(environment);

        // THEN every one was called again until it answered, and nothing rolled back
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(environment.callsOf("preflight")).hasSize(8);
        assertThat(environment.callsOf("recordRollbackPoint")).hasSize(4);
        assertThat(environment.callsOf("drain")).hasSize(3);
        assertThat(environment.callsOf("switchWriter")).hasSize(2);
        assertThat(environment.labels()).doesNotContain("rollback", "abandon");
    }

    @Test
    void aLambdaConfigurationError_isNotRetried_andRollsBack() {
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .failingFirst("drain", 1, "Lambda.KMSAccessDeniedException");

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.callsOf("drain")).hasSize(1);
        assertThat(environment.labels()).containsSubsequence("drain", "rollback", "recover", "finishRollback");
    }

    @Test
    void rollbackThatKeepsFailing_endsInRollbackFailed_afterABoundedNumberOfAttempts() {
        // GIVEN a health check failure, then a rollback that fails every time with a non-transient error
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .on("verifyHealth", (input, call) -> {
                    throw new TaskFailedException(HEALTH_CHECK_FAILED, "unhealthy at 20 %");
                })
                .on("rollback", (input, call) -> {
                    throw new TaskFailedException("io.cutover.core.port.cloud.WeightChangeNotConfirmedException",
                            "change C123 still PENDING after 120 s");
                });

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("RollbackFailed");
        assertThat(result.cause()).isEqualTo("change C123 still PENDING after 120 s");
        // one attempt and the three retries the ASL allows for a non-transient rollback error
        assertThat(environment.callsOf("rollback")).hasSize(4);
        assertThat(environment.labels()).doesNotContain("recover", "finishRollback");
        assertThat(environment.labels()).last()
                .isEqualTo("notify Cutover rollback FAILED: manual intervention needed");
    }

    @Test
    void rollbackFailingTransiently_isRetriedPersistently_butNotForever() {
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .on("verifyHealth", (input, call) -> {
                    throw new TaskFailedException(HEALTH_CHECK_FAILED, "unhealthy at 20 %");
                })
                .on("rollback", (input, call) -> {
                    throw new TaskFailedException(TRANSIENT, "SSM throttled");
                });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("RollbackFailed");
        assertThat(environment.callsOf("rollback")).hasSize(13);
    }

    @Test
    void alarmDuringTheWatch_rollsBack() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("watch", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.AlarmFiredException",
                    "orders-aurora-cpu-high went to ALARM at 2030-01-01T12:03:00Z");
        });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels()).containsSubsequence("switchWriter", "stopReplication", "watch",
                "rollback", "recover", "finishRollback");
        assertThat(environment.labels()).doesNotContain("complete");
    }

    @Test
    void writerGateTimeout_rollsBack_becauseReadersHaveMoved() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("checkReadiness", (input, call) ->
                input.get("gate").asText().equals("reader")
                        ? ScriptedEnvironment.readiness(true, false, input, "ok")
                        : ScriptedEnvironment.readiness(false, call >= 3, input, "writer lag 9 s > 5 s"));

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).isEqualTo("writer lag 9 s > 5 s");
        assertThat(environment.labels()).doesNotContain("snapshotSource", "fenceSource", "abandon");
        assertThat(environment.callsOf("rollback").getFirst().input().get("cause")).isEqualTo(
                ScriptedEnvironment.json("""
                        {"Error": "ReadinessTimedOut", "Cause": "writer lag 9 s > 5 s"}"""));
    }

    @Test
    void failureRecordingTheRollbackPoint_abandonsWithTheErrorItself() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("recordRollbackPoint", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.SourceUnreachableException",
                    "cannot read pg_current_wal_lsn()");
        });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("io.cutover.handlers.errors.SourceUnreachableException");
        assertThat(result.cause()).isEqualTo("cannot read pg_current_wal_lsn()");
        assertThat(environment.labels()).doesNotContain("shiftReaders 20", "rollback");
        assertThat(environment.labels()).containsSubsequence("recordRollbackPoint", "abandon");
    }

    @Test
    void unexpectedJavaException_reachesTheRollbackAsALambdaStyleError() {
        // GIVEN a task that throws a plain RuntimeException, as a handler bug would
        ScriptedEnvironment environment = new ScriptedEnvironment().on("syncSequences", (input, call) -> {
            throw new IllegalStateException("sequence public.orders_id_seq has no owner");
        });

        ExecutionResult result = run(environment);

        JsonNode cause = environment.callsOf("rollback").getFirst().input().get("cause");
        assertThat(cause.get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
        JsonNode lambdaReport = ScriptedEnvironment.json(cause.get("Cause").asText());
        assertThat(lambdaReport.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(lambdaReport.get("errorMessage").asText()).isEqualTo("sequence public.orders_id_seq has no owner");
        assertThat(lambdaReport.get("stackTrace").isArray()).isTrue();
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
    }

    @Test
    void failedCompletion_doesNotRollBackACutoverThatWorked() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("complete", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.LockNotOwnedException",
                    "lock owned by orders-db-9");
        });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CompletionNotRecorded");
        assertThat(environment.labels()).doesNotContain("rollback");
    }

    @Test
    void failedNotification_doesNotChangeTheOutcome() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("notify", (input, call) -> {
            throw new TaskFailedException("SNS.AuthorizationErrorException", "not authorized to publish");
        });

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // the first attempt and three retries
        assertThat(environment.callsOf("notify")).hasSize(4);
    }

    @Test
    void lowerRecordTtl_runsBeforeTheFirstWeightMoves_andTheFenceWaitsUntilTheOldTtlPassed() {
        // GIVEN a lowering whose caches expire 90 s from now
        String expiry = java.time.Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        ScriptedEnvironment environment = new ScriptedEnvironment().on("lowerRecordTtl", (input, call) ->
                ScriptedEnvironment.json("""
                        {"configured": true, "cutoverTtlSeconds": 5, "cachesExpireAt": "%s", "groups": []}"""
                        .formatted(expiry)));

        // WHEN
        ExecutionResult result = run(environment);

        // THEN the TTL is lowered right after the rollback point, and WaitForDnsCaches, just before the source is
        // snapshotted and fenced, asks for the time left until the expiry
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(environment.labels()).containsSubsequence("recordRollbackPoint", "lowerRecordTtl",
                "shiftReaders 20");
        assertThat(result.stateNames()).containsSubsequence("CheckWriterReadiness", "IsWriterReady",
                "WaitForDnsCaches", "SnapshotSource", "FenceSource");
        assertThat(result.waits()).filteredOn(wait -> wait.stateName().equals("WaitForDnsCaches")).singleElement()
                .satisfies(wait -> assertThat(wait.requestedSeconds()).isBetween(60.0, 90.0));
    }

    @Test
    void cachesExpiredBeforeTheWriterGate_doNotDelayTheFence() {
        ScriptedEnvironment environment = new ScriptedEnvironment();

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.waits()).filteredOn(wait -> wait.stateName().equals("WaitForDnsCaches")).singleElement()
                .satisfies(wait -> assertThat(wait.requestedSeconds()).isZero());
    }

    @Test
    void failedTtlRestore_afterCompletion_leavesTheCutoverSucceeded() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("restoreRecordTtl", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.RecordTtlNotRestoredException",
                    "orders-writer (TTL 300 s): Route 53 rejected the change");
        });

        ExecutionResult result = run(environment);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(environment.labels()).containsSubsequence("complete", "restoreRecordTtl",
                "notify Cutover completed");
        assertThat(environment.labels()).doesNotContain("rollback");
    }

    @Test
    void failedTtlRestore_duringARollback_isReported_andTheRollbackGoesOn() {
        ScriptedEnvironment environment = new ScriptedEnvironment()
                .on("drain", (input, call) -> {
                    throw new TaskFailedException("io.cutover.handlers.errors.DrainTimeoutException", "lag 40 s");
                })
                .on("restoreRecordTtl", (input, call) -> {
                    throw new TaskFailedException("io.cutover.handlers.errors.RecordTtlNotRestoredException",
                            "orders-writer (TTL 300 s): throttled");
                });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels()).containsSubsequence("drain", "rollback", "restoreRecordTtl", "recover",
                "finishRollback", "notify Cutover rolled back");
    }

    @Test
    void failedTtlLowering_rollsBack_andRestoresWhatWasLowered() {
        ScriptedEnvironment environment = new ScriptedEnvironment().on("lowerRecordTtl", (input, call) -> {
            throw new TaskFailedException("io.cutover.handlers.errors.RecordChangeNotConfirmedException",
                    "orders-reader: still PENDING");
        });

        ExecutionResult result = run(environment);

        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(environment.labels()).containsSubsequence("lowerRecordTtl", "rollback", "restoreRecordTtl",
                "recover", "finishRollback");
        assertThat(environment.labels()).doesNotContain("shiftReaders 20");
    }
}
