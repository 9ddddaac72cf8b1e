package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.RestoreNotReadyException;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.AlarmRollbackHandler;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.local.adapters.EffectLog;
import io.cutover.statemachine.ExecutionResult;
import io.cutover.statemachine.ExecutionStatus;
import io.cutover.statemachine.WaitPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The alarm handler hands a point-in-time restore to the workflow, on local adapters whose RDS behaves as RDS does
 * (the restored cluster creating for a few looks, an instance refused until it is available), the production state
 * machine and the real task handler: the handler reverts traffic in its own invocation and never waits for RDS;
 * the execution it starts waits, adds the writer once the cluster is available, and finishes the rollback.
 */
class RecoveryHandOverIT {
    private static final String ALARM_EVENT = "events/alarm-orders-aurora-cpu-high-alarm.json";

    @Test
    void alarmAfterTheSwitch_withNoExecutionRunning_startsOneThatRestores_addsTheWriterOnceAvailable_andFinishes() {
        // GIVEN the writer moved to Aurora by an execution that has ended still holding the lock (its completion
        // was not recorded), and the pitr strategy configured
        AtomicReference<LocalEnvironment> envRef = new AtomicReference<>();
        List<ExecutionResult> executions = new ArrayList<>();
        String configJson = Fixtures.exampleConfig();
        CutoverState switched = new CutoverState("orders-db", Phase.SWITCHED, 100, null,
                Fixtures.NOW.minusSeconds(600), List.of());
        LocalState world = new LocalState(null, Map.of("orders-writer", Weights.allTarget(),
                "orders-reader", Weights.allTarget()), Map.of("state", Json.MAPPER.valueToTree(switched)),
                new LockHolder("orders-db-0", Fixtures.NOW.minusSeconds(3600)), Map.of(), Map.of(), null);
        LocalEnvironment env = new LocalEnvironment(CutoverConfigParser.parse(configJson), configJson, world,
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), LocalInvoker.unreachableDatabases(),
                start -> executions.add(new LocalWorkflow(envRef.get(), "orders-db").run(start, WaitPolicy.none(),
                        Duration.ofMinutes(2), LocalWorkflow.TaskListener.NONE)));
        envRef.set(env);
        env.clusters.restoreTakes(3, 2);

        // WHEN a watched alarm goes to ALARM
        ObjectNode answer = new AlarmRollbackHandler(env.ports, "orders-db").handle(Fixtures.read(ALARM_EVENT));

        // THEN traffic went back in the handler, and the recovery ran in an execution it started
        assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("rolled_back");
        assertThat(answer.path("recovery").path("recovery").asText()).isEqualTo("handed_over");
        assertThat(executions).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).as(result.cause()).isEqualTo("CutoverRolledBack");
            assertThat(result.stateNames()).startsWith("Start", "HandOverRecovery", "DescribeHandOver", "Recover")
                    .containsSubsequence("CreateRestoredWriter", "CheckRestoredWriter", "FinishRollback")
                    .doesNotContain("Preflight", "RollBack");
            assertThat(result.timesEntered("CheckRestoredCluster")).as("creating three looks, then available")
                    .isEqualTo(4);
            assertThat(result.timesEntered("CheckRestoredWriter")).isEqualTo(3);
        });
        List<String> calls = env.effects.all().stream().map(EffectLog.Effect::call).toList();
        assertThat(calls).containsSubsequence("route53:ChangeResourceRecordSets", "states:StartExecution",
                "rds:RestoreDBClusterToPointInTime", "rds:CreateDBInstance");
        assertThat(env.effects.matching(e -> e.call().equals("rds:CreateDBInstance"))).singleElement()
                .satisfies(e -> assertThat(e.detail().path("publiclyAccessible").asText()).isEqualTo("false"));
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
        assertThat(new CutoverStore(env.ports.store(), "orders-db").state(Fixtures.NOW).phase())
                .isEqualTo(Phase.ROLLED_BACK);
        // AND the ended execution's lock is left for the operator, not turned into a failed rollback
        assertThat(env.lock.holder("orders-db").owner()).isEqualTo("orders-db-0");
    }

    @Test
    void localRds_refusesTheWriterWhileTheRestoredClusterIsCreating_asRdsDoes() {
        LocalEnvironment env = Fixtures.environment(LocalState.empty());
        PointInTimeRestore restore = PointInTimeRestore.latest("orders-aurora", "orders-aurora-restored");
        env.clusters.startPointInTimeRestore(restore);

        assertThatThrownBy(() -> env.clusters.createRestoredWriter(restore))
                .isInstanceOf(RestoreNotReadyException.class).hasMessageContaining("InvalidDBClusterStateFault");
        assertThat(env.effects.matching(e -> e.call().equals("rds:CreateDBInstance"))).isEmpty();
    }
}
