package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.handlers.AlarmRollbackHandler;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.local.adapters.EffectLog;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import io.cutover.statemachine.ExecutionResult;
import io.cutover.statemachine.ExecutionStatus;
import io.cutover.statemachine.WaitPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production state machine, run by the independent ASL interpreter, with the real task handler,
 * the real PostgreSQL adapters against two real servers replicating logically, and local DNS and
 * Parameter Store that record every effect.
 */
class CutoverWorkflowScenariosIT {
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);
    private static final String WRITER = "rehearsal-writer";
    private static final String READER = "rehearsal-reader";
    private static final String REVERSE = ReverseReplicationRequest.objectName("rehearsal");

    @TempDir
    static Path dir;
    static EmbeddedReplicatedPair pair;

    @BeforeAll
    static void startServers() {
        pair = RehearsalPair.start(dir);
    }

    @AfterAll
    static void stopServers() {
        if (pair != null) {
            pair.close();
        }
    }

    @AfterEach
    void restoreServers() {
        // Each scenario starts from a writable source with forward replication running and no reverse replication
        // (dropping the source's subscription drops its slot on the target), the target's roles unfenced. The
        // forward subscription skips changes that came from elsewhere (origin none): rows a reverse switch carried
        // back to the source are on the target already and would stop its apply worker on a duplicate key.
        pair.executeOnSource("ALTER ROLE " + RehearsalPair.APP_ROLE + " RESET default_transaction_read_only",
                "DROP SUBSCRIPTION IF EXISTS " + REVERSE);
        pair.executeOnTarget("ALTER ROLE " + RehearsalPair.APP_ROLE + " RESET default_transaction_read_only",
                "DROP PUBLICATION IF EXISTS " + REVERSE,
                "ALTER SUBSCRIPTION " + EmbeddedReplicatedPair.SUBSCRIPTION + " SET (origin = none)",
                "ALTER SUBSCRIPTION " + EmbeddedReplicatedPair.SUBSCRIPTION + " ENABLE");
    }

    @Test
    void happyPath_readyAfterPolls_shiftsReadersInSteps_thenFencesDrainsAndSwitchesTheWriter() throws SQLException {
        LocalEnvironment env = environment(c -> { });
        long ordersBefore = pair.querySource("SELECT count(*) FROM public.orders");

        java.util.Map<String, JsonNode> outputs = new java.util.HashMap<>();
        ExecutionResult result = new LocalWorkflow(env, "rehearsal")
                .run(1, WaitPolicy.none(), RUN_DEADLINE, new LocalWorkflow.TaskListener() {
                    @Override
                    public void after(String task, JsonNode input, JsonNode output) {
                        outputs.put(task, output);
                    }
                });

        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // The fed columns were read before the fence; inside the window only the sequences' positions were, and the
        // fed columns came from the pre-sync's record, not the catalog
        assertThat(outputs.get("presyncSequences").path("stored").asBoolean()).as("%s", outputs.get("presyncSequences"))
                .isTrue();
        JsonNode windowSync = outputs.get("syncSequences");
        assertThat(windowSync.path("presyncedAt").isTextual()).as("%s", windowSync).isTrue();
        assertThat(windowSync.path("fedColumnsSkipped").asInt()).isPositive();
        assertThat(windowSync.path("feedsFromPresync").asBoolean()).as("%s", windowSync).isTrue();
        assertThat(windowSync.path("fedColumnsRead").asInt() + windowSync.path("fedColumnsSkipped").asInt())
                .isEqualTo(outputs.get("presyncSequences").path("fedColumnsRead").asInt());
        assertThat(result.timesEntered("CheckReaderReadiness")).as("fresh samples accumulate over polls")
                .isGreaterThanOrEqualTo(3);
        assertThat(result.stateNames()).containsSubsequence("Preflight", "WaitForReaderReadiness",
                "RecordRollbackPoint", "ShiftReadersInSteps", "ShiftReaders", "BakeReaders", "VerifyReaderHealth",
                "OpenWriterGate", "CheckWriterReadiness", "PrecountRows", "PresyncSequences", "PrepareReverseReplication", "SnapshotSource", "FenceSource", "Drain", "SyncSequences",
                "ResetSessionReplicationRole", "VerifyRowCounts", "CheckFence", "SwitchWriter", "StopReplication", "Watch",
                "Complete", "NotifyCompleted", "Succeeded");
        assertThat(result.timesEntered("ShiftReaders")).isEqualTo(4);
        assertThat(dnsWrites(env.effects)).containsExactly(
                READER + " 80/20", READER + " 50/50", READER + " 20/80", READER + " 0/100", WRITER + " 0/100");
        List<String> calls = env.effects.all().stream().map(EffectLog.Effect::call).toList();
        assertThat(calls).containsSubsequence("db:fence", "db:drained", "db:setval", "route53:ChangeResourceRecordSets");
        assertThat(calls.lastIndexOf("db:fence")).isLessThan(indexOfWriterSwitch(env.effects));
        assertThat(env.records.current(WRITER)).isEqualTo(Weights.allTarget());
        assertThat(env.lock.holder("rehearsal")).as("lock released on completion").isNull();
        assertThat(pair.queryTarget("SELECT count(*) FROM public.orders")).isEqualTo(ordersBefore);
        assertThat(pair.queryTarget("SELECT last_value FROM public.invoice_numbers"))
                .isGreaterThanOrEqualTo(pair.querySource("SELECT last_value FROM public.invoice_numbers") + 1000);
        assertThatThrownBy(() -> insertAsApp(pair.sourceConnection(RehearsalPair.APP_ROLE)))
                .as("the source stays fenced after a completed cutover").hasMessageContaining("read-only");
    }

    @Test
    void readinessNeverReached_failsAtTheDeadline_withoutWritingAnyWeight() {
        LocalEnvironment env = environment(c -> ((ObjectNode) c.path("readiness")).put("deadlineSeconds", 2));
        env.alarms.set(RehearsalPair.ALARM, AlarmState.ALARM);

        ExecutionResult result = new LocalWorkflow(env, "rehearsal")
                .run(1, WaitPolicy.asRequested(), RUN_DEADLINE, LocalWorkflow.TaskListener.NONE);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("ReadinessTimedOut");
        assertThat(result.stateNames()).containsSubsequence("Preflight", "CheckReaderReadiness",
                "WaitForReaderReadiness", "ReaderReadinessTimedOut", "Abandon", "NotifyAbandoned", "CutoverAbandoned");
        assertThat(result.stateNames()).doesNotContain("ShiftReadersInSteps", "RollBack");
        assertThat(dnsWrites(env.effects)).isEmpty();
        assertThat(env.lock.holder("rehearsal")).isNull();
    }

    @Test
    void healthFailsDuringTheFiftyPercentBake_putsEveryWeightBack_andNeverFencesTheSource() {
        LocalEnvironment env = environment(c -> c.putObject("rollback").put("strategy", "pitr"));
        LocalWorkflow.TaskListener alarmAtFifty = new LocalWorkflow.TaskListener() {
            @Override
            public void after(String task, JsonNode input, JsonNode output) {
                if (task.equals("shiftReaders") && input.path("percent").asInt() == 50) {
                    env.alarms.set(RehearsalPair.ALARM, AlarmState.ALARM);
                }
            }
        };

        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1, WaitPolicy.none(), RUN_DEADLINE, alarmAtFifty);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(dnsWrites(env.effects)).containsExactly(READER + " 80/20", READER + " 50/50", READER + " 100/0");
        assertThat(result.stateNames()).containsSubsequence("ShiftReaders", "VerifyReaderHealth", "ShiftReaders",
                "VerifyReaderHealth", "RollBack", "Recover", "FinishRollback", "NotifyRolledBack", "CutoverRolledBack");
        assertThat(result.stateNames()).doesNotContain("FenceSource");
        assertThat(env.effects.matching(e -> e.call().equals("db:fence"))).isEmpty();
        assertThat(env.effects.matching(e -> e.call().startsWith("rds:")))
                .as("the writer never moved: the target took no write, there is nothing to restore").isEmpty();
        assertThat(env.records.current(READER)).isEqualTo(Weights.allSource());
    }

    @Test
    void alarmWhileWatchingAfterTheSwitch_isTheSwitchInReverse_everyTargetWriteIsCarriedBackToTheSource()
            throws SQLException {
        LocalEnvironment env = environment(c -> {
            c.putObject("rollback").put("strategy", "pitr");
            c.put("watchAfterSwitchSeconds", 30);
        });
        LocalWorkflow.TaskListener alarmAfterSwitch = new LocalWorkflow.TaskListener() {
            @Override
            public void after(String task, JsonNode input, JsonNode output) {
                if (task.equals("switchWriter")) {
                    // The application writes to its new primary, then an alarm fires.
                    try (Connection app = pair.targetConnection(RehearsalPair.APP_ROLE)) {
                        for (int i = 0; i < 25; i++) {
                            insertOrder(app, 900_000 + i);
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    env.alarms.set(RehearsalPair.ALARM, AlarmState.ALARM);
                }
            }
        };

        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1, WaitPolicy.none(), RUN_DEADLINE,
                alarmAfterSwitch);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).contains("AlarmFiredException");
        assertThat(result.stateNames()).containsSubsequence("VerifyRowCounts", "StartReverseReplication",
                "SwitchWriter", "StopReplication", "Watch", "RollBack",
                "Recover", "WaitForRestoredCluster", "CheckRestoredCluster", "CreateRestoredWriter",
                "CheckRestoredWriter", "FinishRollback", "CutoverRolledBack");
        // The local RDS keeps the restored cluster creating for two looks and refuses an instance until then.
        assertThat(result.timesEntered("CheckRestoredCluster")).isEqualTo(3);
        List<String> calls = env.effects.all().stream().map(EffectLog.Effect::call).toList();
        assertThat(calls).containsSubsequence("db:fence", "db:reverse-replication", "route53:ChangeResourceRecordSets",
                "db:fence", "db:drained", "db:setval", "db:unfence", "route53:ChangeResourceRecordSets",
                "rds:RestoreDBClusterToPointInTime", "rds:CreateDBInstance");
        assertThat(env.effects.matching(e -> e.call().equals("db:fence")).stream().map(EffectLog.Effect::target))
                .containsExactly("source", "target");
        assertThat(calls).doesNotContain("rds:BacktrackDBCluster");
        assertThat(env.records.current(WRITER)).isEqualTo(Weights.allSource());
        // every write the target acknowledged is on the source, with no duplicate
        assertThat(pair.querySource("SELECT count(*) FROM public.orders WHERE customer_id >= 900000")).isEqualTo(25);
        assertThat(pair.querySource("SELECT count(DISTINCT id) FROM public.orders"))
                .isEqualTo(pair.queryTarget("SELECT count(*) FROM public.orders"));
        // the source's sequences are past what the target handed out; the old target no longer takes writes
        assertThat(pair.querySource("SELECT last_value FROM public.orders_id_seq"))
                .isGreaterThanOrEqualTo(pair.queryTarget("SELECT last_value FROM public.orders_id_seq"));
        assertThatThrownBy(() -> insertAsApp(pair.targetConnection(RehearsalPair.APP_ROLE)))
                .hasMessageContaining("read-only");
        try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE)) {
            insertAsApp(app);
        }
    }

    @Test
    void aReplicationAlarmFiringDuringTheWatch_isNoRollbackGround_theCutoverCompletesOnTheTarget() {
        // GIVEN the watched alarm declared as one over forward replication, which ends at the switch
        LocalEnvironment env = environment(c -> {
            c.putArray("replicationAlarms").add(RehearsalPair.ALARM);
            c.put("watchAfterSwitchSeconds", 2);
            c.put("fallbackWindowSeconds", 0);
        });
        LocalWorkflow.TaskListener alarmAfterSwitch = new LocalWorkflow.TaskListener() {
            @Override
            public void after(String task, JsonNode input, JsonNode output) {
                if (task.equals("switchWriter")) {
                    env.alarms.set(RehearsalPair.ALARM, AlarmState.ALARM);
                }
            }
        };

        // WHEN it goes to ALARM right after the writer moved
        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1,
                (state, seconds) -> state.equals("WaitBeforeNextWatch") ? Duration.ofMillis(200) : Duration.ZERO,
                RUN_DEADLINE, alarmAfterSwitch);

        // THEN the watch reports it and goes on: the writer stays on the target
        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.stateNames()).contains("Watch", "Complete").doesNotContain("RollBack");
        assertThat(env.records.current(WRITER)).isEqualTo(Weights.allTarget());
    }

    private static void insertOrder(Connection connection, long customer) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO public.orders (customer_id) VALUES (" + customer + ")");
        }
    }

    @Test
    void alarmRollbackJustAfterTheWriterMoved_wins_theWorkflowEndsRolledBack_andTheSourceTakesWrites()
            throws SQLException {
        LocalEnvironment env = environment(c -> { });
        String alarmEvent = Fixtures.read("events/alarm-orders-aurora-cpu-high-alarm.json")
                .replace("orders-aurora-cpu-high", RehearsalPair.ALARM);
        List<JsonNode> alarmAnswers = new ArrayList<>();
        LocalWorkflow.TaskListener alarmAsTheWriterMoves = new LocalWorkflow.TaskListener() {
            @Override
            public void before(String task, JsonNode input) {
                if (task.equals("switchWriter")) {
                    // The alarm handler runs right after Route 53 took the writer change, while switchWriter has
                    // yet to record SWITCHED: the race a rollback must win.
                    env.records.aroundNextChange(() -> { }, () -> alarmAnswers.add(
                            new AlarmRollbackHandler(env.ports, "rehearsal").handle(alarmEvent)));
                }
            }
        };

        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1, WaitPolicy.none(), RUN_DEADLINE,
                alarmAsTheWriterMoves);

        assertThat(alarmAnswers).singleElement().satisfies(answer ->
                assertThat(answer.path("outcome").asText()).isEqualTo("rolled_back"));
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).contains("RollbackRequestedException").contains("alarm " + RehearsalPair.ALARM);
        assertThat(result.stateNames()).containsSubsequence("SwitchWriter", "RollBack", "Recover", "FinishRollback",
                "CutoverRolledBack").doesNotContain("Watch", "Complete");
        assertThat(env.records.current(WRITER)).isEqualTo(Weights.allSource());
        assertThat(env.records.current(READER)).isEqualTo(Weights.allSource());
        assertThat(new CutoverStore(env.ports.store(), "rehearsal").state(Clock.systemUTC().instant()).phase())
                .isEqualTo(Phase.ROLLED_BACK);
        try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE)) {
            insertAsApp(app);
        }
    }

    @Test
    void drainTimesOutAfterTheFence_rollbackUnfencesTheSource_andNoWriteIsLost() throws SQLException {
        LocalEnvironment env = environment(c -> c.put("drainTimeoutSeconds", 1));
        LocalWorkflow.TaskListener stallAfterFence = new LocalWorkflow.TaskListener() {
            @Override
            public void before(String task, JsonNode input) {
                if (task.equals("fenceSource")) {
                    // Target apply stops just before a last write is committed: the fence LSN is past what the
                    // target has, so the drain cannot finish.
                    pair.executeOnTarget("ALTER SUBSCRIPTION " + EmbeddedReplicatedPair.SUBSCRIPTION + " DISABLE");
                    pair.executeOnSource("INSERT INTO public.orders (customer_id) VALUES (1)");
                }
            }
        };
        long sourceOrdersBefore = pair.querySource("SELECT count(*) FROM public.orders");

        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1, WaitPolicy.none(), RUN_DEADLINE,
                stallAfterFence);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).contains("DrainTimeoutException");
        assertThat(result.stateNames()).containsSubsequence("FenceSource", "Drain", "RollBack", "Recover",
                "FinishRollback", "CutoverRolledBack");
        assertThat(result.stateNames()).doesNotContain("SwitchWriter");
        List<String> calls = env.effects.all().stream().map(EffectLog.Effect::call).toList();
        assertThat(calls).containsSubsequence("db:fence", "db:unfence");
        assertThat(env.records.current(WRITER)).isEqualTo(Weights.allSource());
        assertThat(env.records.current(READER)).isEqualTo(Weights.allSource());
        try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE)) {
            insertAsApp(app);
        }
        assertThat(pair.querySource("SELECT count(*) FROM public.orders")).isEqualTo(sourceOrdersBefore + 2);
    }

    @Test
    void fenceInvocationDiesAfterFencing_beforeSavingItsReport_rollbackStillRestoresTheRoles() throws SQLException {
        // GIVEN a fence step that changes the roles and then dies, as a Lambda timing out right after the ALTER ROLEs
        LocalEnvironment env = environment(c -> { }, db -> diesAfterFencing(db));
        long sourceOrdersBefore = pair.querySource("SELECT count(*) FROM public.orders");

        // WHEN the workflow runs
        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1, WaitPolicy.none(), RUN_DEADLINE,
                LocalWorkflow.TaskListener.NONE);

        // THEN it rolls back from the fence, never drains or switches
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).contains("died after fencing");
        assertThat(result.stateNames()).containsSubsequence("FenceSource", "RollBack", "FinishRollback",
                "CutoverRolledBack").doesNotContain("Drain", "SwitchWriter");
        // AND the roles were restored from the record saved before the fence: the application writes again
        List<String> calls = env.effects.all().stream().map(EffectLog.Effect::call).toList();
        assertThat(calls).containsSubsequence("db:fence", "db:unfence");
        assertThat(pair.querySource("SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
                + " WHERE r.rolname = '" + RehearsalPair.APP_ROLE + "'"
                + " AND array_to_string(s.setconfig, ',') LIKE '%default_transaction_read_only%'")).isZero();
        try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE)) {
            insertAsApp(app);
        }
        assertThat(pair.querySource("SELECT count(*) FROM public.orders")).isEqualTo(sourceOrdersBefore + 1);
    }

    /** The real database side, whose fence does its work and then fails before returning its report. */
    private static DatabaseSide diesAfterFencing(DatabaseSide real) {
        return (DatabaseSide) Proxy.newProxyInstance(DatabaseSide.class.getClassLoader(),
                new Class<?>[] {DatabaseSide.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("fence")) {
                        throw new IllegalStateException("the invocation died after fencing (simulated Lambda timeout)");
                    }
                    return answer;
                });
    }

    @Test
    void aSecondExecutionWhileTheFirstHoldsTheLock_isRefused_andTheFirstCompletes() throws Exception {
        LocalEnvironment env = environment(c -> { });
        LocalWorkflow workflow = new LocalWorkflow(env, "rehearsal");
        WaitPolicy slowFirstBake = (state, seconds) -> state.equals("BakeReaders") ? Duration.ofSeconds(4) : Duration.ZERO;

        CompletableFuture<ExecutionResult> first = CompletableFuture.supplyAsync(
                () -> workflow.run(1, slowFirstBake, RUN_DEADLINE, LocalWorkflow.TaskListener.NONE));
        awaitLockHeld(env);
        ExecutionResult second = workflow.run(2, WaitPolicy.none(), RUN_DEADLINE, LocalWorkflow.TaskListener.NONE);

        assertThat(second.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(second.error()).isEqualTo("LockHeld");
        assertThat(second.cause()).contains("rehearsal-1");
        assertThat(second.stateNames()).containsExactly("Start", "NoHandOver", "Preflight", "LockHeld");
        assertThat(first.get().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(env.records.current(WRITER)).isEqualTo(Weights.allTarget());
    }

    @Test
    void loweredTtl_isSetBeforeTheFirstReaderStep_keptByEveryWeightChange_andRestoredAfterCompletion() {
        // GIVEN records at 5 s and dns.cutoverTtlSeconds 1
        LocalEnvironment env = environment(c -> c.putObject("dns").put("cutoverTtlSeconds", 1));

        // WHEN the cutover runs
        ExecutionResult result = new LocalWorkflow(env, "rehearsal")
                .run(1, WaitPolicy.none(), RUN_DEADLINE, LocalWorkflow.TaskListener.NONE);

        // THEN both groups get 1 s before any weight moves, with their weights as they were
        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.stateNames()).containsSubsequence("RecordRollbackPoint", "LowerRecordTtl",
                "ShiftReadersInSteps", "CheckWriterReadiness", "WaitForDnsCaches", "SnapshotSource", "FenceSource",
                "SwitchWriter", "Complete", "RestoreRecordTtl", "NotifyCompleted");
        List<EffectLog.Effect> dns = env.effects.matching(e -> e.call().startsWith("route53:ChangeResourceRecordSets"));
        assertThat(dns).extracting(e -> e.call().endsWith(":ttl") ? e.target() + " ttl " + e.detail().path("ttl")
                        .asInt() : e.target() + " " + e.detail().path("target").asInt() + "% ttl "
                        + e.detail().path("ttl").asInt())
                .containsExactly(WRITER + " ttl 1", READER + " ttl 1",
                        READER + " 20% ttl 1", READER + " 50% ttl 1", READER + " 80% ttl 1", READER + " 100% ttl 1",
                        WRITER + " 100% ttl 1",
                        WRITER + " ttl 5", READER + " ttl 5");
        // AND the weight changes alone are what they were without the lowering
        assertThat(dnsWrites(env.effects)).containsExactly(
                READER + " 80/20", READER + " 50/50", READER + " 20/80", READER + " 0/100", WRITER + " 0/100");
        assertThat(env.records.ttlSeconds(WRITER)).isEqualTo(5L);
        assertThat(env.records.ttlSeconds(READER)).isEqualTo(5L);
        assertThat(env.records.current(WRITER)).isEqualTo(Weights.allTarget());
    }

    private LocalEnvironment environment(Consumer<ObjectNode> configChange) {
        return environment(configChange, UnaryOperator.identity());
    }

    private LocalEnvironment environment(Consumer<ObjectNode> configChange, UnaryOperator<DatabaseSide> databases) {
        return RealDatabaseEnvironments.of(pair, configChange, databases);
    }

    private static void awaitLockHeld(LocalEnvironment env) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (env.lock.holder("rehearsal") == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first execution never took the lock");
            }
            Thread.sleep(20);
        }
    }

    private static void insertAsApp(Connection connection) throws SQLException {
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO public.orders (customer_id) VALUES (2)");
        }
    }

    private static List<String> dnsWrites(EffectLog effects) {
        return effects.matching(e -> e.call().equals("route53:ChangeResourceRecordSets")).stream()
                .map(e -> e.target() + " " + e.detail().path("source").asInt() + "/" + e.detail().path("target").asInt())
                .toList();
    }

    private static int indexOfWriterSwitch(EffectLog effects) {
        List<EffectLog.Effect> all = effects.all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).call().equals("route53:ChangeResourceRecordSets") && all.get(i).target().equals(WRITER)) {
                return i;
            }
        }
        return -1;
    }
}
