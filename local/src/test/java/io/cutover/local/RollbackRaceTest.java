package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.AlarmRollbackHandler;
import io.cutover.handlers.CutoverApiHandler;
import io.cutover.handlers.WorkflowTaskHandler;
import io.cutover.handlers.app.DatabaseSide.FenceRecord;
import io.cutover.handlers.app.RollbackService.FenceState;
import io.cutover.handlers.errors.CutoverAbortedException;
import io.cutover.handlers.errors.RollbackRequestedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rollback always wins: an alarm or an operator's rollback that lands while a forward step runs, just before its
 * effect or just after it, ends with every record on the source, the source writable and the migration ROLLED_BACK,
 * and the workflow's own rollback path then agrees. The rollback runs inside the local adapter at that exact moment
 * (a one-shot hook in the caller's thread), so each interleaving is deterministic; no sleeps.
 */
class RollbackRaceTest {
    private static final String EXECUTION = "orders-db-1";
    private static final List<String> GROUPS = List.of("orders-writer", "orders-reader");

    enum Step {
        SHIFT_READERS("shiftReaders", ",\"percent\":20", Phase.READY, 0),
        FENCE_SOURCE("fenceSource", "", Phase.SHIFTING, 100),
        SWITCH_WRITER("switchWriter", "", Phase.DRAINED, 100);

        final String task;
        final String extra;
        final Phase from;
        final int readerPercent;

        Step(String task, String extra, Phase from, int readerPercent) {
            this.task = task;
            this.extra = extra;
            this.from = from;
            this.readerPercent = readerPercent;
        }
    }

    enum Racer { ALARM, API }

    enum Moment { BEFORE_THE_EFFECT, AFTER_THE_EFFECT }

    static Stream<Arguments> races() {
        List<Arguments> races = new ArrayList<>();
        for (Step step : Step.values()) {
            for (Racer racer : Racer.values()) {
                for (Moment moment : Moment.values()) {
                    races.add(Arguments.of(step, racer, moment));
                }
            }
        }
        return races.stream();
    }

    @ParameterizedTest(name = "{1} rollback {2} of {0}")
    @MethodSource("races")
    void aRollbackRacingAForwardStep_winsAndTheWorkflowAgrees(Step step, Racer racer, Moment moment) {
        // GIVEN the workflow's execution owns the migration at the step's phase
        ScriptedDatabases databases = new ScriptedDatabases();
        databases.sourceFenced = step.from == Phase.DRAINED;
        LocalEnvironment env = Fixtures.environment(Fixtures.exampleConfig(), worldAt(step), databases);
        List<ObjectNode> racerAnswers = new ArrayList<>();
        Runnable rollback = () -> racerAnswers.add(rollBack(env, racer));
        Runnable nothing = () -> { };
        Runnable before = moment == Moment.BEFORE_THE_EFFECT ? rollback : nothing;
        Runnable after = moment == Moment.AFTER_THE_EFFECT ? rollback : nothing;
        if (step == Step.FENCE_SOURCE) {
            databases.beforeNextFence = before;
            databases.afterNextFence = after;
        } else {
            env.records.aroundNextChange(before, after);
        }

        // WHEN the rollback lands at that moment of the step
        Throwable stepError = catchThrowable(() -> task(env, step.task, step.extra));

        // THEN the rollback ran and won: the step stopped with an error the workflow routes to its rollback path
        assertThat(racerAnswers).singleElement().satisfies(answer -> assertThat(answer.path("outcome").asText())
                .isEqualTo(racer == Racer.ALARM ? "rolled_back" : "applied"));
        assertThat(stepError).isInstanceOfAny(RollbackRequestedException.class, CutoverAbortedException.class);
        assertRolledBack(env, databases);

        // AND the workflow's rollback path, which that error leads to, comes to the same outcome
        task(env, "rollback", ",\"cause\":{\"Error\":\"" + stepError.getClass().getName() + "\",\"Cause\":\"race\"}");
        task(env, "recover", "");
        task(env, "finishRollback", "");
        assertRolledBack(env, databases);
        ObjectNode status = new CutoverApiHandler(env.ports, "orders-db").handle("{\"action\":\"status\"}");
        assertThat(status.path("rollback").path("requestedBy").asText())
                .isEqualTo(racer == Racer.ALARM ? "alarm orders-aurora-cpu-high" : "api");
        assertThat(status.path("rollback").path("requestedAt").asText()).isEqualTo(Fixtures.NOW.toString());
    }

    private static void assertRolledBack(LocalEnvironment env, ScriptedDatabases databases) {
        GROUPS.forEach(group -> assertThat(env.records.current(group)).as(group).isEqualTo(Weights.allSource()));
        assertThat(databases.sourceFenced).as("source fenced").isFalse();
        ObjectNode status = new CutoverApiHandler(env.ports, "orders-db").handle("{\"action\":\"status\"}");
        assertThat(status.path("phase").asText()).isEqualTo("ROLLED_BACK");
    }

    private static ObjectNode rollBack(LocalEnvironment env, Racer racer) {
        return switch (racer) {
            case ALARM -> new AlarmRollbackHandler(env.ports, "orders-db")
                    .handle(Fixtures.read("events/alarm-orders-aurora-cpu-high-alarm.json"));
            case API -> new CutoverApiHandler(env.ports, "orders-db").handle(Fixtures.read("test-payloads/rollback.json"));
        };
    }

    private static void task(LocalEnvironment env, String task, String extra) {
        new WorkflowTaskHandler(env.ports, "orders-db").handle("{\"task\":\"" + task
                + "\",\"migrationId\":\"orders-db\",\"executionName\":\"" + EXECUTION + "\"" + extra + "}");
    }

    /** The migration at the step's phase, its records where that phase has them, a fence record once fenced. */
    private static LocalState worldAt(Step step) {
        Map<String, Object> documents = new java.util.LinkedHashMap<>();
        documents.put("state", Json.MAPPER.valueToTree(new CutoverState("orders-db", step.from, step.readerPercent,
                EXECUTION, Instant.parse("2026-11-21T09:59:00Z"), List.of())));
        documents.put("rollback-point", Map.of("at", "2026-11-21T09:30:00Z", "sourcePosition", "0/16B0000"));
        if (step.from == Phase.DRAINED) {
            FenceRecord fenced = new FenceRecord(List.of("orders_app", "orders_batch"), true, null, "0/16B3750",
                    "2026-11-21T09:58:00Z", Json.MAPPER.createArrayNode());
            documents.put("fence", Json.MAPPER.valueToTree(new FenceState(fenced, false)));
        }
        Map<String, Weights> weights = step.readerPercent == 100
                ? Map.of("orders-reader", new Weights(0, 100)) : Map.of();
        return new LocalState(null, weights, documents, new LockHolder(EXECUTION, Fixtures.NOW.minusSeconds(600)),
                Map.of(), Map.of(), null);
    }
}
