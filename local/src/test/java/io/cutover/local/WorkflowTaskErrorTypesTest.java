package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.WorkflowTaskHandler;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSideFactory;
import io.cutover.handlers.app.RollbackService;
import io.cutover.handlers.errors.AlarmFiredException;
import io.cutover.handlers.errors.ConfigUnavailableException;
import io.cutover.handlers.errors.DatabaseLoginUnavailableException;
import io.cutover.handlers.errors.FenceBypassedException;
import io.cutover.handlers.errors.FenceIncompleteException;
import io.cutover.handlers.errors.FenceRecordMissingException;
import io.cutover.handlers.errors.HealthCheckFailedException;
import io.cutover.handlers.errors.InvalidTaskInputException;
import io.cutover.handlers.errors.LockReleaseRefusedException;
import io.cutover.handlers.errors.PhaseTransitionRefusedException;
import io.cutover.handlers.errors.RowCountMismatchException;
import io.cutover.handlers.errors.SequenceSyncIncompleteException;
import io.cutover.handlers.errors.SessionReplicationRoleNotOriginException;
import io.cutover.handlers.errors.StoredDocumentInvalidException;
import io.cutover.handlers.errors.TargetNotWritableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each cause a task meets leaves the handler as its own class of io.cutover.handlers.errors: the Lambda
 * {@code errorType} the state machine's Catch routes (the adapters' exceptions are translated by TaskErrors, whose
 * own test covers each mapping).
 */
class WorkflowTaskErrorTypesTest {
    private static final String EXECUTION = "orders-db-1";

    private final ScriptedDatabases databases = new ScriptedDatabases();

    @Test
    void anUnknownTask_isInvalidTaskInput() {
        assertThatThrownBy(() -> handle(at(Phase.SHIFTING), "launchRockets", ""))
                .isExactlyInstanceOf(InvalidTaskInputException.class).hasMessageContaining("task");
    }

    @Test
    void aPercentOutOfRange_isInvalidTaskInput_namingTheField() {
        assertThatThrownBy(() -> handle(at(Phase.SHIFTING), "shiftReaders", ",\"percent\":0"))
                .isExactlyInstanceOf(InvalidTaskInputException.class)
                .hasMessage("shiftReaders: percent is 0; expected an integer from 1 to 100");
    }

    @Test
    void noConfigForTheMigration_isConfigUnavailable() {
        String otherMigration = Fixtures.exampleConfigWith(c -> c.put("migrationId", "other-db"));
        LocalEnvironment env = Fixtures.environment(otherMigration, LocalState.empty(), databases);

        assertThatThrownBy(() -> new WorkflowTaskHandler(env.ports, "orders-db").handle(input("drain", "")))
                .isExactlyInstanceOf(ConfigUnavailableException.class).hasMessageContaining("no cutover config");
    }

    @Test
    void aStateDocumentThatIsNotAState_isStoredDocumentInvalid() {
        LocalState world = new LocalState(null, Map.of(), Map.of("state", Map.of("phase", "HALFWAY")),
                new LockHolder(EXECUTION, Fixtures.NOW), Map.of(), Map.of(), null);

        assertThatThrownBy(() -> handle(Fixtures.environment(Fixtures.exampleConfig(), world, databases), "drain", ""))
                .isExactlyInstanceOf(StoredDocumentInvalidException.class);
    }

    @Test
    void aRoleLeftUnfenced_isFenceIncomplete() {
        databases.fence = () -> new ScriptedDatabases.FenceRecordAnswer(false, "role app_rw: permission denied");

        assertThatThrownBy(() -> handle(at(Phase.SHIFTING), "fenceSource", ""))
                .isExactlyInstanceOf(FenceIncompleteException.class).hasMessageContaining("app_rw");
    }

    @Test
    void aDrainWithoutAFenceRecord_isFenceRecordMissing() {
        assertThatThrownBy(() -> handle(at(Phase.FENCED), "drain", ""))
                .isExactlyInstanceOf(FenceRecordMissingException.class);
    }

    @Test
    void differingRowCounts_areRowCountMismatch() {
        databases.rowCounts = () -> new DatabaseSide.RowCountOutcome(2, List.of("public.orders"), null);

        assertThatThrownBy(() -> handle(at(Phase.DRAINED), "verifyRowCounts", ""))
                .isExactlyInstanceOf(RowCountMismatchException.class).hasMessageContaining("public.orders");
    }

    @Test
    void aTargetThatTakesNoWrites_isTargetNotWritable_andTheWriterStays() {
        databases.targetWritable = () -> {
            throw new TargetNotWritableException("the target is a standby (pg_is_in_recovery() is true)");
        };
        LocalEnvironment env = at(Phase.DRAINED);

        assertThatThrownBy(() -> handle(env, "switchWriter", "")).isExactlyInstanceOf(TargetNotWritableException.class);
        org.assertj.core.api.Assertions.assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
    }

    @Test
    void databasesWhoseLoginsCannotBeRead_areDatabaseLoginUnavailable() {
        LocalEnvironment env = Fixtures.environment(Fixtures.exampleConfig(), worldAt(Phase.DRAINED),
                LocalInvoker.unreachableDatabases());

        assertThatThrownBy(() -> handle(env, "syncSequences", ""))
                .isExactlyInstanceOf(DatabaseLoginUnavailableException.class);
    }

    @Test
    void aSequenceTheSyncCouldNotCarryOver_isSequenceSyncIncomplete_beforeTheWriterMoves() {
        databases.sequences = () -> Json.parseTree("{\"sequences\": [], \"problems\": "
                + "[\"public.invoice_numbers: missing on the target\"]}", "report");

        assertThatThrownBy(() -> handle(at(Phase.DRAINED), "syncSequences", ""))
                .isExactlyInstanceOf(SequenceSyncIncompleteException.class).hasMessageContaining("invoice_numbers");
    }

    @Test
    void aSyncOfThousandsOfSequences_returnsASummary_withinWhatStepFunctionsTakesFromATask() {
        // GIVEN a sync that advanced 5000 sequences: the whole report is over 1 MB
        StringBuilder report = new StringBuilder("{\"schemas\": [\"public\"], \"advanced\": 5000, \"problems\": [],"
                + " \"sequences\": [");
        for (int i = 0; i < 5000; i++) {
            report.append(i == 0 ? "" : ",").append("{\"sequence\": \"public.s").append(i).append("\", \"action\":"
                    + " \"ADVANCED\", \"targetBefore\": 1, \"targetAfter\": 1001, \"detail\": \"")
                    .append("d".repeat(200)).append("\"}");
        }
        databases.sequences = () -> Json.parseTree(report.append("]}").toString(), "report");

        // WHEN
        com.fasterxml.jackson.databind.node.ObjectNode output = new WorkflowTaskHandler(at(Phase.DRAINED).ports,
                "orders-db").handle(input("syncSequences", ""));

        // THEN the output counts them all and names the first 50
        org.assertj.core.api.Assertions.assertThat(Json.write(output).length()).isLessThan(20_000);
        org.assertj.core.api.Assertions.assertThat(output.path("synced").asInt()).isEqualTo(5000);
        org.assertj.core.api.Assertions.assertThat(output.path("actions").path("ADVANCED").asInt()).isEqualTo(5000);
        org.assertj.core.api.Assertions.assertThat(output.path("advancedSequences").size()).isEqualTo(50);
        org.assertj.core.api.Assertions.assertThat(output.path("advancedSequencesOmitted").asInt()).isEqualTo(4950);
        org.assertj.core.api.Assertions.assertThat(output.path("advancedSequences").get(0).path("targetAfter").asLong())
                .isEqualTo(1001);
    }

    @Test
    void thousandsOfSequenceProblems_areNamedUpToFifty_andCountedInTheError() {
        StringBuilder problems = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            problems.append(i == 0 ? "" : ",").append("\"public.s").append(i).append(": MISSING_ON_TARGET\"");
        }
        databases.sequences = () -> Json.parseTree("{\"sequences\": [], \"problems\": [" + problems + "]}", "report");

        assertThatThrownBy(() -> handle(at(Phase.DRAINED), "syncSequences", ""))
                .isExactlyInstanceOf(SequenceSyncIncompleteException.class)
                .hasMessageContaining("public.s49: MISSING_ON_TARGET]").hasMessageContaining("and 2950 more")
                .hasMessageNotContaining("public.s50:");
    }

    @Test
    void aTaskOutputOverStepFunctionsLimit_isTaskOutputTooLarge_soTheWorkflowCanStillRollBack() {
        // GIVEN a database report of 300 KB, returned as ResetSessionReplicationRole's output
        databases.sessionReplicationRole = () -> Json.parseTree("{\"before\": {\"sessionValue\": \"origin\","
                + " \"allOrigin\": true, \"detail\": \"" + "x".repeat(300_000) + "\"}}", "report");

        assertThatThrownBy(() -> handle(at(Phase.DRAINED), "resetSessionReplicationRole", ""))
                .isExactlyInstanceOf(io.cutover.handlers.errors.TaskOutputTooLargeException.class)
                .hasMessageContaining("resetSessionReplicationRole").hasMessageContaining("262144");
    }

    @Test
    void aDrainThatOutlivedItsExecution_doesNotMoveTheStateOfTheExecutionAfterIt() {
        // GIVEN a drain still running (a branch beside it failed, and Lambda runs an invoked function to its end)
        // while the rollback finished and another execution re-armed the migration and shifted readers
        LocalEnvironment env = environment(fencedWorldAt(Phase.FENCED), databases);
        String next = Json.write(new CutoverState("orders-db", Phase.SHIFTING, 20, "orders-db-2",
                Fixtures.NOW, List.of()));
        databases.drainMillis = () -> {
            env.store.put("orders-db", "state", next);
            return 5L;
        };

        // WHEN the late drain answers
        handle(env, "drain", "");

        // THEN the other execution's state stands: the drain recorded nothing
        org.assertj.core.api.Assertions.assertThat(env.store.get("orders-db", "state")).contains(next);
    }

    @Test
    void aTargetStillOnReplicaRole_isSessionReplicationRoleNotOrigin_beforeTheWriterMoves() {
        databases.sessionReplicationRole = () -> Json.parseTree("{\"before\": {\"sessionValue\": \"replica\","
                + " \"allOrigin\": false, \"detail\": \"the server default of session_replication_role is not"
                + " origin (source: configuration file)\"}}", "report");

        assertThatThrownBy(() -> handle(at(Phase.DRAINED), "resetSessionReplicationRole", ""))
                .isExactlyInstanceOf(SessionReplicationRoleNotOriginException.class)
                .hasMessageContaining("replica").hasMessageContaining("configuration file");
    }

    @Test
    void noTableCounted_isRowCountMismatch_notAPass() {
        databases.rowCounts = () -> new DatabaseSide.RowCountOutcome(0, List.of(), null);

        assertThatThrownBy(() -> handle(at(Phase.DRAINED), "verifyRowCounts", ""))
                .isExactlyInstanceOf(RowCountMismatchException.class).hasMessageContaining("no table was counted");
    }

    @Test
    void aWritePastTheFence_isFenceBypassed_andTheWriterStays() {
        databases.noWritesPastFence = () -> {
            throw new FenceBypassedException("writes reached the source past the fence: [INSERT on public.orders]");
        };
        LocalEnvironment env = environment(fencedWorldAt(Phase.DRAINED), databases);

        assertThatThrownBy(() -> handle(env, "checkFence", ""))
                .isExactlyInstanceOf(FenceBypassedException.class).hasMessageContaining("public.orders");
        org.assertj.core.api.Assertions.assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
    }

    @Test
    void aFenceCheckWithoutAFenceRecord_isFenceRecordMissing() {
        assertThatThrownBy(() -> handle(at(Phase.DRAINED), "checkFence", ""))
                .isExactlyInstanceOf(FenceRecordMissingException.class);
    }

    @Test
    void aWatchedAlarmThatIsMissing_stopsTheWatch_asReadinessWould() {
        LocalState base = worldAt(Phase.SWITCHED);
        LocalState world = new LocalState(null, base.weights(), base.documents(), base.lock(), Map.of(),
                Map.of("orders-aurora-cpu-high", AlarmState.MISSING), null);

        assertThatThrownBy(() -> handle(environment(world, databases), "watch", ",\"since\":\"2026-11-21T09:59:00Z\""))
                .isExactlyInstanceOf(AlarmFiredException.class).hasMessageContaining("orders-aurora-cpu-high MISSING");
    }

    @Test
    void aWatchedAlarmDuringABake_isHealthCheckFailed() {
        assertThatThrownBy(() -> handle(withAlarm(Phase.SHIFTING), "verifyHealth", ",\"percent\":50"))
                .isExactlyInstanceOf(HealthCheckFailedException.class);
    }

    @Test
    void aWatchedAlarmAfterTheSwitch_isAlarmFired() {
        assertThatThrownBy(() -> handle(withAlarm(Phase.SWITCHED), "watch", ",\"since\":\"2026-11-21T09:59:00Z\""))
                .isExactlyInstanceOf(AlarmFiredException.class);
    }

    @Test
    void readersBackToALowerStep_isPhaseTransitionRefused() {
        assertThatThrownBy(() -> handle(at(Phase.SHIFTING, 50), "shiftReaders", ",\"percent\":20"))
                .isExactlyInstanceOf(PhaseTransitionRefusedException.class);
    }

    @Test
    void releasingALockAnotherExecutionHolds_isLockReleaseRefused() {
        LocalState world = new LocalState(null, Map.of(), Map.of("state", state(Phase.ROLLING_BACK, 100)),
                new LockHolder("orders-db-9", Fixtures.NOW), Map.of(), Map.of(), null);

        assertThatThrownBy(() -> handle(Fixtures.environment(Fixtures.exampleConfig(), world, databases),
                "finishRollback", "")).isExactlyInstanceOf(LockReleaseRefusedException.class);
    }

    private LocalEnvironment at(Phase phase) {
        return at(phase, 100);
    }

    private LocalEnvironment at(Phase phase, int percent) {
        return environment(worldAt(phase, percent), databases);
    }

    private LocalEnvironment withAlarm(Phase phase) {
        LocalState base = worldAt(phase);
        LocalState world = new LocalState(null, base.weights(), base.documents(), base.lock(), Map.of(),
                Map.of("orders-aurora-cpu-high", AlarmState.ALARM), null);
        return environment(world, databases);
    }

    private static LocalEnvironment environment(LocalState world, DatabaseSideFactory databases) {
        return Fixtures.environment(Fixtures.exampleConfig(), world, databases);
    }

    private static LocalState worldAt(Phase phase) {
        return worldAt(phase, 100);
    }

    private static LocalState worldAt(Phase phase, int percent) {
        return new LocalState(null, Map.of(), Map.of("state", state(phase, percent)),
                new LockHolder(EXECUTION, Fixtures.NOW.minusSeconds(60)), Map.of(), Map.of(), null);
    }

    /** At {@code phase} with the fence record fenceSource saves. */
    private static LocalState fencedWorldAt(Phase phase) {
        DatabaseSide.FenceRecord record = new DatabaseSide.FenceRecord(List.of("app_rw"), true, null, "0/16B3750",
                "2026-11-21T10:00:00Z", Json.MAPPER.createArrayNode());
        return new LocalState(null, Map.of(), Map.of("state", state(phase, 100), CutoverStore.FENCE,
                Json.MAPPER.valueToTree(new RollbackService.FenceState(record, false))),
                new LockHolder(EXECUTION, Fixtures.NOW.minusSeconds(60)), Map.of(), Map.of(), null);
    }

    private static Object state(Phase phase, int percent) {
        return Json.MAPPER.valueToTree(new CutoverState("orders-db", phase, percent, EXECUTION,
                Instant.parse("2026-11-21T09:59:00Z"), List.of()));
    }

    private static void handle(LocalEnvironment env, String task, String extra) {
        new WorkflowTaskHandler(env.ports, "orders-db").handle(input(task, extra));
    }

    private static String input(String task, String extra) {
        return "{\"task\":\"" + task + "\",\"migrationId\":\"orders-db\",\"executionName\":\"" + EXECUTION + "\""
                + extra + "}";
    }
}
