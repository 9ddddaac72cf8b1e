package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.WorkflowTaskHandler;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.ReverseSwitch;
import io.cutover.handlers.app.RollbackService;
import io.cutover.handlers.errors.ReverseReplicationBrokenException;
import io.cutover.handlers.errors.ReverseReplicationUnrecoverableException;
import io.cutover.local.adapters.LocalDms;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reverse DMS task of the fall-back window (issue 17) as the Watch and the rollback see it through the DMS port:
 * the Watch stops on a broken one, the rollback resumes a stopped or failed one before its drain, copies the tables
 * it left behind once the target is fenced and drained, and refuses, before anything changes, one it cannot resume.
 */
class ReverseDmsTaskTest {
    private static final String EXECUTION = "orders-db-1";
    private static final String REVERSE = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE-REVERSE";
    private static final String SINCE = ",\"since\":\"2026-11-21T09:59:00Z\"";

    private final ScriptedDatabases databases = new ScriptedDatabases();

    @ParameterizedTest
    @ValueSource(strings = {"stopped", "failed"})
    void aStoppedOrFailedReverseTask_whileWatching_isReverseReplicationBroken(String status) {
        LocalEnvironment env = switched(reverse(status, List.of()));

        assertThatThrownBy(() -> handle(env, "watch", SINCE))
                .isExactlyInstanceOf(ReverseReplicationBrokenException.class)
                .hasMessageContaining(REVERSE).hasMessageContaining(status).hasMessageContaining("resumed");
    }

    @Test
    void aReverseTableInError_whileWatching_isReverseReplicationBroken_namingTheTable() {
        LocalEnvironment env = switched(reverse("running", List.of("public.orders")));

        assertThatThrownBy(() -> handle(env, "watch", SINCE))
                .isExactlyInstanceOf(ReverseReplicationBrokenException.class)
                .hasMessageContaining("Table error").hasMessageContaining("public.orders");
    }

    @Test
    void aRunningReverseTask_whileWatching_letsTheWatchGoOn_andIsReported() {
        LocalEnvironment env = switched(reverse("running", List.of()));

        JsonNode watched = handle(env, "watch", SINCE);

        assertThat(watched.path("reverseTaskStatus").asText()).as("%s", watched).isEqualTo("running");
    }

    @Test
    void withoutAStartedReverseReplication_theWatchDoesNotReadTheReverseTask() {
        LocalEnvironment env = Fixtures.environment(Fixtures.exampleConfig(), world(reverse("stopped", List.of()),
                false), databases);

        JsonNode watched = handle(env, "watch", SINCE);

        assertThat(watched.has("reverseTaskStatus")).as("%s", watched).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stopped", "failed"})
    void aRollbackAfterTheSwitch_resumesAStoppedOrFailedReverseTask_beforeItsDrain(String status) {
        LocalEnvironment env = switched(reverse(status, List.of()));

        JsonNode rolledBack = handle(env, "rollback", "");

        assertThat(rolledBack.path("route").asText()).as("%s", rolledBack).isEqualTo("REVERSE_SWITCH");
        assertThat(rolledBack.path("reverseSwitch").path("reverseTaskStatus").asText()).isEqualTo(status);
        assertThat(rolledBack.path("reverseSwitch").path("reverseTaskResumed").path(REVERSE).asText())
                .isEqualTo("running");
        assertThat(env.effects.matching(e -> e.call().equals("dms:StartReplicationTask")
                && e.target().equals(REVERSE))).singleElement().satisfies(e ->
                assertThat(e.detail().path("StartReplicationTaskType").asText()).isEqualTo("resume-processing"));
        assertThat(databases.targetFenced).isTrue();
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
    }

    @Test
    void aRollbackAfterTheSwitch_withARunningReverseTask_resumesNothing() {
        LocalEnvironment env = switched(reverse("running", List.of()));

        JsonNode rolledBack = handle(env, "rollback", "");

        assertThat(rolledBack.path("reverseSwitch").has("reverseTaskResumed")).as("%s", rolledBack).isFalse();
        assertThat(env.effects.matching(e -> e.call().equals("dms:StartReplicationTask"))).isEmpty();
    }

    @Test
    void aRollbackAfterTheSwitch_whoseReverseTaskLeftATableBehind_copiesItFromTheTarget_afterTheFenceAndDrain() {
        LocalEnvironment env = switched(reverse("running", List.of("public.orders")));

        JsonNode rolledBack = handle(env, "rollback", "");

        assertThat(rolledBack.path("route").asText()).as("%s", rolledBack).isEqualTo("REVERSE_SWITCH");
        assertThat(databases.copied).containsExactly(List.of("public.orders"));
        assertThat(databases.copiedWhileFencedAndDrained).as("copied only once nothing writes either side")
                .containsExactly(true);
        assertThat(rolledBack.path("reverseSwitch").path("tablesCopiedFromTarget").path("tables").toString())
                .contains("public.orders");
        assertThat(databases.targetFenced).as("the target stays fenced: the writer moved back").isTrue();
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
        assertThat(env.effects.matching(e -> e.call().equals("dms:StartReplicationTask"))).isEmpty();
    }

    @Test
    void aRollbackAfterTheSwitch_copiesATableWhoseChangeWasLoggedAsNotApplied_foundOnlyAfterTheReverseDrain() {
        databases.notAppliedAfterDrain = List.of("public.customers");
        LocalEnvironment env = switched(reverse("running", List.of()));

        JsonNode rolledBack = handle(env, "rollback", "");

        assertThat(rolledBack.path("route").asText()).as("%s", rolledBack).isEqualTo("REVERSE_SWITCH");
        assertThat(databases.copied).containsExactly(List.of("public.customers"));
        assertThat(databases.copiedWhileFencedAndDrained).containsExactly(true);
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
    }

    @Test
    void aRollbackAfterTheSwitch_whoseLeftBehindTableCannotBeCopied_refusesBeforeTheTargetsFence_namingWhy() {
        databases.uncopyable = List.of("public.orders");
        LocalEnvironment env = switched(reverse("running", List.of("public.orders")));

        assertThatThrownBy(() -> handle(env, "rollback", ""))
                .isExactlyInstanceOf(ReverseReplicationUnrecoverableException.class)
                .hasMessageContaining("public.orders has no primary key")
                .hasMessageContaining("before the target's fence");
        assertThat(databases.targetFenced).as("the target was not fenced").isFalse();
        assertThat(databases.copied).isEmpty();
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allTarget());
    }

    @Test
    void aTableFoundOnlyAfterTheReverseDrainThatCannotBeCopied_failsTheRollbackSafe_unfencingTheTarget() {
        databases.notAppliedAfterDrain = List.of("public.audit");
        databases.uncopyable = List.of("public.audit");
        LocalEnvironment env = switched(reverse("running", List.of()));

        assertThatThrownBy(() -> handle(env, "rollback", ""))
                .isExactlyInstanceOf(io.cutover.handlers.errors.ReverseSwitchFailedException.class)
                .hasMessageContaining("public.audit").hasMessageContaining("stays on the target");
        assertThat(databases.reverseDrained).isTrue();
        assertThat(databases.targetFenced).as("the target, still the primary, takes writes again").isFalse();
        assertThat(databases.copied).isEmpty();
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allTarget());
    }

    @Test
    void aRollbackAfterTheSwitch_whoseReverseTaskCannotBeResumed_refusesBeforeAnythingChanges() {
        LocalEnvironment env = switched(reverse("deleting", List.of("public.orders")));

        assertThatThrownBy(() -> handle(env, "rollback", ""))
                .isExactlyInstanceOf(ReverseReplicationUnrecoverableException.class)
                .hasMessageContaining("deleting").hasMessageContaining("before the target's fence");
        assertThat(databases.targetFenced).as("the target was not fenced").isFalse();
        assertThat(databases.copied).isEmpty();
        assertThat(env.records.current("orders-writer")).as("the writer stays on the target")
                .isEqualTo(Weights.allTarget());
    }

    private LocalEnvironment switched(Map<String, LocalDms.TaskScript> dms) {
        return Fixtures.environment(Fixtures.exampleConfig(), world(dms, true), databases);
    }

    private static Map<String, LocalDms.TaskScript> reverse(String status, List<String> tablesInError) {
        return Map.of(REVERSE, new LocalDms.TaskScript(status, 1, tablesInError.size(), 0, tablesInError, 0));
    }

    /** After the switch: the writer and readers on the target, the source fenced, the reverse replication started. */
    private static LocalState world(Map<String, LocalDms.TaskScript> dms, boolean reverseStarted) {
        DatabaseSide.FenceRecord fence = new DatabaseSide.FenceRecord(List.of("app_rw"), true, null, "0/16B3750",
                "2026-11-21T09:58:00Z", Json.MAPPER.createArrayNode());
        Map<String, Object> documents = new LinkedHashMap<>();
        documents.put("state", Json.MAPPER.valueToTree(new CutoverState("orders-db", Phase.SWITCHED, 100, EXECUTION,
                Instant.parse("2026-11-21T09:59:00Z"), List.of())));
        documents.put(CutoverStore.FENCE, Json.MAPPER.valueToTree(new RollbackService.FenceState(fence, false)));
        if (reverseStarted) {
            documents.put(ReverseSwitch.REVERSE_REPLICATION, Json.MAPPER.valueToTree(
                    new ReverseSwitch.ReverseReplicationState(Json.parseTree("{\"started\": true, \"kind\": \"dms\","
                            + " \"reverseTaskArn\": \"" + REVERSE + "\"}", "report"), false)));
        }
        return new LocalState(null, Map.of("orders-writer", Weights.allTarget(), "orders-reader", Weights.allTarget()),
                documents, new LockHolder(EXECUTION, Fixtures.NOW.minusSeconds(60)), dms, Map.of(), null);
    }

    private static JsonNode handle(LocalEnvironment env, String task, String extra) {
        return new WorkflowTaskHandler(env.ports, "orders-db").handle("{\"task\":\"" + task + "\",\"migrationId\":"
                + "\"orders-db\",\"executionName\":\"" + EXECUTION + "\"" + extra + "}");
    }
}
