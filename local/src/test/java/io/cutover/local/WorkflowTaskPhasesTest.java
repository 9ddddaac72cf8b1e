package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cutover.core.json.Json;
import io.cutover.local.adapters.LocalWeightedRecords;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.handlers.WorkflowTaskHandler;
import io.cutover.handlers.errors.CutoverAbortedException;
import io.cutover.handlers.errors.LockHeldException;
import io.cutover.handlers.errors.PreflightFailedException;
import io.cutover.handlers.errors.TaskOutOfOrderException;
import io.cutover.handlers.tasks.WorkflowTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each workflow task runs only from the phases it may run from, its own result phase included (a repeated call is
 * a no-op, not a refusal), and refuses every other phase before a single effect. The table below is the
 * specification, written out by hand rather than read from the tasks.
 */
class WorkflowTaskPhasesTest {
    private static final String EXECUTION = "orders-db-1";
    private static final Set<Phase> AFTER_ROLLBACK = EnumSet.of(Phase.IDLE, Phase.ROLLING_BACK, Phase.ROLLED_BACK);

    /** Task (as the state machine calls it, extra input included) and the phases it runs from. */
    private static final Map<String, Set<Phase>> RUNS_FROM = new LinkedHashMap<>();

    static {
        RUNS_FROM.put("preflight", EnumSet.of(Phase.IDLE, Phase.READY, Phase.ROLLED_BACK));
        RUNS_FROM.put("checkReadiness|\"gate\":\"reader\",\"deadline\":\"2026-11-21T11:00:00Z\"",
                EnumSet.of(Phase.IDLE, Phase.READY, Phase.ROLLED_BACK));
        RUNS_FROM.put("checkReadiness|\"gate\":\"writer\",\"deadline\":null", EnumSet.of(Phase.SHIFTING));
        RUNS_FROM.put("recordRollbackPoint", EnumSet.of(Phase.READY));
        RUNS_FROM.put("lowerRecordTtl", EnumSet.of(Phase.READY, Phase.SHIFTING));
        RUNS_FROM.put("shiftReaders|\"percent\":100", EnumSet.of(Phase.READY, Phase.SHIFTING));
        RUNS_FROM.put("verifyHealth|\"percent\":100", EnumSet.of(Phase.SHIFTING));
        RUNS_FROM.put("precountRows", EnumSet.of(Phase.SHIFTING));
        RUNS_FROM.put("presyncSequences", EnumSet.of(Phase.SHIFTING));
        RUNS_FROM.put("prepareReverseReplication", EnumSet.of(Phase.SHIFTING));
        RUNS_FROM.put("snapshotSource", EnumSet.of(Phase.SHIFTING));
        RUNS_FROM.put("fenceSource", EnumSet.of(Phase.SHIFTING, Phase.FENCED));
        RUNS_FROM.put("drain", EnumSet.of(Phase.FENCED, Phase.DRAINED));
        RUNS_FROM.put("syncSequences", EnumSet.of(Phase.FENCED, Phase.DRAINED));
        RUNS_FROM.put("startReverseReplication", EnumSet.of(Phase.DRAINED));
        RUNS_FROM.put("resetSessionReplicationRole", EnumSet.of(Phase.DRAINED));
        RUNS_FROM.put("verifyRowCounts", EnumSet.of(Phase.DRAINED));
        RUNS_FROM.put("checkFence", EnumSet.of(Phase.DRAINED));
        RUNS_FROM.put("switchWriter", EnumSet.of(Phase.DRAINED, Phase.SWITCHED));
        RUNS_FROM.put("stopReplication", EnumSet.of(Phase.SWITCHED));
        RUNS_FROM.put("watch|\"since\":\"2026-11-21T09:59:00Z\"", EnumSet.of(Phase.SWITCHED));
        RUNS_FROM.put("complete", EnumSet.of(Phase.SWITCHED, Phase.FALLBACK_OPEN, Phase.COMPLETED));
        // After complete (the lock released) and after rollback: from anywhere, a no-op when nothing was lowered.
        RUNS_FROM.put("restoreRecordTtl", EnumSet.allOf(Phase.class));
        RUNS_FROM.put("rollback|\"cause\":{\"Error\":\"X\",\"Cause\":\"y\"}", EnumSet.complementOf(EnumSet.of(Phase.COMPLETED)));
        RUNS_FROM.put("recover", AFTER_ROLLBACK);
        RUNS_FROM.put("checkRestore|\"resource\":\"cluster\",\"deadline\":\"2026-11-21T18:00:00Z\"", AFTER_ROLLBACK);
        RUNS_FROM.put("checkRestore|\"resource\":\"writer\",\"deadline\":\"2026-11-21T18:00:00Z\"", AFTER_ROLLBACK);
        RUNS_FROM.put("createRestoredWriter", AFTER_ROLLBACK);
        RUNS_FROM.put("finishRollback", AFTER_ROLLBACK);
        RUNS_FROM.put("abandon|\"cause\":{\"Error\":\"ReadinessTimedOut\",\"Cause\":\"lag\"}",
                EnumSet.of(Phase.IDLE, Phase.READY, Phase.ROLLING_BACK, Phase.ROLLED_BACK));
    }

    static Stream<Arguments> refused() {
        return cases(false);
    }

    static Stream<Arguments> accepted() {
        return cases(true);
    }

    /** Every (task, phase) pair the table accepts, or every pair it refuses. */
    private static Stream<Arguments> cases(boolean accepted) {
        List<Arguments> cases = new ArrayList<>();
        RUNS_FROM.forEach((task, phases) -> (accepted ? EnumSet.copyOf(phases) : EnumSet.complementOf(
                EnumSet.copyOf(phases))).forEach(phase -> cases.add(Arguments.of(task, phase))));
        return cases.stream();
    }

    @Test
    void theTable_coversEveryTaskTheHandlerRuns() {
        assertThat(RUNS_FROM.keySet().stream().map(k -> k.split("\\|")[0]).distinct())
                .containsExactlyInAnyOrderElementsOf(WorkflowTasks.NAMES);
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("refused")
    void task_isRefused_outsideItsPhases_beforeAnyEffect(String task, Phase phase) {
        LocalEnvironment env = environmentAt(phase);

        Throwable thrown = catchThrowable(() -> handler(env).handle(input(task)));

        if (task.equals("preflight")) {
            // Fails without a rollback: a finished or rolling-back migration, or a cutover already under way.
            assertThat(thrown).isExactlyInstanceOf(phase == Phase.COMPLETED || phase == Phase.ROLLING_BACK
                    ? PreflightFailedException.class : LockHeldException.class);
        } else if (phase == Phase.ROLLING_BACK || phase == Phase.ROLLED_BACK) {
            assertThat(thrown).isExactlyInstanceOf(CutoverAbortedException.class).hasMessageContaining(phase.name());
        } else {
            assertThat(thrown).isExactlyInstanceOf(TaskOutOfOrderException.class)
                    .hasMessageContaining(task.split("\\|")[0]).hasMessageContaining(phase.name());
        }
        assertThat(env.effects.all()).isEmpty();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("accepted")
    void task_passesItsPrecondition_inEachOfItsPhases(String task, Phase phase) {
        LocalEnvironment env = environmentAt(phase);

        // The databases are unreachable here, so a task may fail after its precondition; never because of the phase.
        Throwable thrown = catchThrowable(() -> handler(env).handle(input(task)));

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isNotInstanceOfAny(TaskOutOfOrderException.class, CutoverAbortedException.class));
    }

    @Test
    void switchWriter_beforeTheDrain_isRefused_andNoRecordMoves() {
        LocalEnvironment env = environmentAt(Phase.FENCED);

        assertThatThrownBy(() -> handler(env).handle(input("switchWriter")))
                .isExactlyInstanceOf(TaskOutOfOrderException.class)
                .hasMessage("switchWriter runs from [DRAINED, SWITCHED]; migration orders-db is FENCED");
        assertThat(env.effects.matching(e -> e.call().startsWith("route53:"))).isEmpty();
    }

    @Test
    void lowerRecordTtl_repeated_changesNothingMore_andKeepsTheTtlReadBeforeTheFirst() {
        LocalEnvironment env = environmentAt(Phase.READY);
        handler(env).handle(input("lowerRecordTtl"));
        int effectsAfterFirst = env.effects.all().size();
        String stored = env.store.get("orders-db", "record-ttl").orElseThrow();

        handler(env).handle(input("lowerRecordTtl"));

        assertThat(env.effects.matching(e -> e.call().equals(LocalWeightedRecords.TTL_CHANGE))).hasSize(2);
        assertThat(env.effects.all()).hasSize(effectsAfterFirst);
        assertThat(env.store.get("orders-db", "record-ttl")).contains(stored);
    }

    @Test
    void shiftReaders_repeatedAtItsOwnStep_isANoOp() {
        LocalEnvironment env = environmentAt(Phase.READY);
        handler(env).handle(input("shiftReaders|\"percent\":20"));
        int effectsAfterFirst = env.effects.all().size();

        handler(env).handle(input("shiftReaders|\"percent\":20"));

        assertThat(env.effects.all()).hasSize(effectsAfterFirst);
    }

    private static WorkflowTaskHandler handler(LocalEnvironment env) {
        return new WorkflowTaskHandler(env.ports, "orders-db");
    }

    private static String input(String task) {
        String[] parts = task.split("\\|", 2);
        return "{\"task\":\"" + parts[0] + "\",\"migrationId\":\"orders-db\",\"executionName\":\"" + EXECUTION + "\""
                + (parts.length > 1 ? "," + parts[1] : "") + "}";
    }

    /** The migration at {@code phase}, owned by the calling execution, its lock held by it. */
    private static LocalEnvironment environmentAt(Phase phase) {
        int percent = phase == Phase.IDLE || phase == Phase.READY || phase == Phase.ROLLED_BACK ? 0 : 100;
        CutoverState state = new CutoverState("orders-db", phase, percent, EXECUTION,
                Instant.parse("2026-11-21T09:59:00Z"), List.of());
        LocalState world = new LocalState(null, Map.of(), Map.of("state", Json.MAPPER.valueToTree(state)),
                new LockHolder(EXECUTION, Fixtures.NOW.minusSeconds(60)), Map.of(), Map.of(), null);
        return Fixtures.environment(world);
    }
}
