package io.cutover.handlers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.cutover.aws.testing.StubResponses.queryCall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.aws.SecretsManagerSecretResolver;
import io.cutover.aws.testing.IamCalls;
import io.cutover.aws.testing.StubResponses;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseChange;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.readiness.LagSample;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSideFactory;
import io.cutover.handlers.app.DmsReverseReplication;
import io.cutover.handlers.app.ReadinessRecord;
import io.cutover.handlers.app.RollbackService;
import io.cutover.handlers.tasks.WorkflowTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Drives every path the deployed functions can take against AWS (each payload action with its dry run, each event
 * kind, every workflow task in every phase, so rollback, recovery and the restore's polling too) through the real
 * adapters and SDK clients, in each configuration whose policies differ (DMS or native replication, each rollback
 * strategy, a source snapshot; the events in both modes), once with unreachable databases and once with healthy
 * ones ({@link HealthyDatabases}), and records every request as the call IAM authorizes in
 * {@code target/iam-calls/{function}.jsonl}. The iam-simulation module evaluates those calls against the
 * synthesized roles; EverySdkOperationRecordedTest there fails when an SDK operation of functions/aws has none.
 * Outcomes are not asserted here (the handler ITs do): a refused or failed path still records what it asked.
 */
class IamCallPathsIT extends StubbedAwsTest {
    /** What infra-cdk names the state machine ({@code CutoverNames.stateMachineArn}), so the simulation matches. */
    static final String DEPLOYED_STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:cutover-orders-db";
    /**
     * The target cluster's storage key as the stub's DescribeDBClusters reports it; the simulation stands it in for
     * the key the synthesized cluster is encrypted with (docs/iam-simulation.md).
     */
    static final String TARGET_CLUSTER_KEY = "arn:aws:kms:eu-west-1:123456789012:key/target-cluster-key";
    private static final Path OUT = Path.of("target/iam-calls");
    /** config/example.json's reverse task: the one the example stack creates (CDK DmsReplication, ReverseTask). */
    static final String REVERSE_TASK = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE-REVERSE";
    private static final List<String> ALL_FUNCTIONS = List.of("CutoverApi", "ReadinessPoll", "AlarmRollback",
            "WorkflowTasks");

    /**
     * The state machine reaches these only after recover started a point-in-time restore ("restoring": true), which
     * needs pitr configured (RollbackPlanner refuses a pitr hand-over without a restored cluster identifier).
     */
    private static final java.util.Set<String> RESTORE_TASKS = java.util.Set.of("checkRestore",
            "createRestoredWriter");

    private final ExecutorService invoker = Executors.newSingleThreadExecutor();
    private final HealthyDatabases healthyDatabases = new HealthyDatabases();
    /** Whether the paths now run against healthy databases instead of unreachable ones. */
    private volatile boolean healthy;

    @BeforeAll
    void freshRecordings() throws IOException {
        Files.createDirectories(OUT);
        for (String function : ALL_FUNCTIONS) {
            Files.deleteIfExists(OUT.resolve(function + ".jsonl"));
        }
    }

    @AfterAll
    void stopInvoker() {
        invoker.shutdownNow();
    }

    @Override
    DatabaseSideFactory databaseSides() {
        return healthy ? healthyDatabases : databases;
    }

    @Override
    String stateMachineArn() {
        return DEPLOYED_STATE_MACHINE;
    }

    /** The configurations whose grants differ: the example (DMS, pitr) and one per other strategy or replication. */
    private static Map<String, Consumer<ObjectNode>> configurations() {
        return Map.of(
                "dms-pitr", c -> { },
                "dms-dns", c -> c.putObject("rollback").put("strategy", "dns"),
                "native-pitr", c -> {
                    ObjectNode replication = c.putObject("replication");
                    replication.put("kind", "native");
                    replication.putArray("slots").add("orders_slot");
                    replication.putArray("subscriptions").add("orders_sub");
                    replication.put("publication", "orders_pub");
                    c.put("stopDmsTaskAfterSwitch", false);
                    c.putArray("alarms").add("orders-aurora-cpu-high");
                    c.remove("replicationAlarms");
                },
                "mysql-backtrack", c -> {
                    ((ObjectNode) c.get("target")).put("engine", "aurora-mysql");
                    // The reverse task reads a PostgreSQL slot on the target: none with Aurora MySQL.
                    ((ObjectNode) c.get("replication")).remove("reverseDmsTaskArn");
                    c.putObject("rollback").put("strategy", "backtrack");
                },
                "dms-pitr-snapshot", c -> c.putObject("snapshotSourceBeforeSwitch")
                        .put("dbInstanceIdentifier", "orders-pg"));
    }

    @TestFactory
    Stream<DynamicTest> everyPath_inEveryConfiguration_isRecorded() {
        List<DynamicTest> tests = new ArrayList<>();
        configurations().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(configuration -> {
            ObjectNode config = (ObjectNode) Json.parseTree(RepoFiles.read("config/example.json"), "config");
            configuration.getValue().accept(config);
            String name = configuration.getKey();
            boolean mysql = name.startsWith("mysql");
            tests.add(DynamicTest.dynamicTest(name + ": payloads", () -> payloads(name, config, mysql)));
            tests.add(DynamicTest.dynamicTest(name + ": events", () -> events(name, config, mysql)));
            // In the automatic mode the poll starts the workflow itself once readiness holds.
            ObjectNode auto = config.deepCopy().put("mode", "auto");
            tests.add(DynamicTest.dynamicTest(name + ": events, automatic mode", () -> events(name, auto, mysql)));
            tests.add(DynamicTest.dynamicTest(name + ": tasks", () -> tasks(name, config, mysql)));
            tests.add(DynamicTest.dynamicTest(name + ": recovery", () -> recovery(name, config, mysql)));
            tests.add(DynamicTest.dynamicTest(name + ": database logins", () -> logins(name, config)));
            // Some calls follow a database answer: with native replication the alarms are read, and the automatic
            // mode starts the workflow, only after the slots were measured; the workflow records its rollback point,
            // fence and reverse replication only after the database step succeeded. Unreachable databases (above)
            // record the failure paths; healthy ones (and readiness samples kept from earlier polls) these.
            tests.add(DynamicTest.dynamicTest(name + ": payloads, healthy databases",
                    () -> withHealthyDatabases(() -> payloads(name, config, mysql))));
            tests.add(DynamicTest.dynamicTest(name + ": events, healthy databases",
                    () -> withHealthyDatabases(() -> events(name, config, mysql))));
            tests.add(DynamicTest.dynamicTest(name + ": events, automatic mode, healthy databases",
                    () -> withHealthyDatabases(() -> events(name, auto, mysql))));
            tests.add(DynamicTest.dynamicTest(name + ": tasks, healthy databases",
                    () -> withHealthyDatabases(() -> tasks(name, config, mysql))));
            tests.add(DynamicTest.dynamicTest(name + ": recovery, healthy databases",
                    () -> withHealthyDatabases(() -> recovery(name, config, mysql))));
            if (config.path("replication").has("reverseDmsTaskArn")) {
                tests.add(DynamicTest.dynamicTest(name + ": reverse DMS task", () -> reverseTask(name, config, mysql)));
            }
        });
        return tests.stream();
    }

    private interface DrivenPaths {
        void run() throws Exception;
    }

    private void withHealthyDatabases(DrivenPaths paths) throws Exception {
        healthy = true;
        try {
            paths.run();
        } finally {
            healthy = false;
        }
    }

    private void payloads(String configuration, ObjectNode config, boolean mysql) throws IOException {
        try (Stream<Path> files = Files.list(RepoFiles.path("test-payloads"))) {
            for (Path payload : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (Phase phase : List.of(Phase.IDLE, Phase.SHIFTING, Phase.SWITCHED)) {
                    world(config, phase, mysql);
                    invoke("CutoverApi", configuration + " " + payload.getFileName() + " in " + phase,
                            () -> new CutoverApiHandler(ports(), MIGRATION).handle(RepoFiles.read(payload)));
                }
                if (payload.getFileName().toString().startsWith("adopt_records")) {
                    // Plain records at both names: adoption's DELETE + CREATE batch (createRecords: false).
                    world(config, Phase.IDLE, mysql);
                    givenRoute53().plain(WRITER_RECORD, 300).plain(READER_RECORD, 60).acceptingChanges();
                    invoke("CutoverApi", configuration + " " + payload.getFileName() + " over plain records",
                            () -> new CutoverApiHandler(ports(), MIGRATION).handle(RepoFiles.read(payload)));
                }
                // An execution of that name already runs: the start is answered by describing it.
                world(config, Phase.SWITCHED, mysql);
                givenStepFunctionsExecutionRunning("orders-db-1");
                invoke("CutoverApi", configuration + " " + payload.getFileName() + " while an execution runs",
                        () -> new CutoverApiHandler(ports(), MIGRATION).handle(RepoFiles.read(payload)));
            }
        }
    }

    private void events(String configuration, ObjectNode config, boolean mysql) throws Exception {
        List<Path> events = new ArrayList<>();
        for (Path folder : List.of(RepoFiles.path("events"), RepoFiles.path("events/aws-additions"),
                Path.of(Events.class.getResource("/events").toURI()))) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(events::add);
            }
        }
        for (Path event : events) {
            String body = RepoFiles.read(event);
            int round = 0;
            boolean alarm = body.contains("\"CloudWatch Alarm State Change\"");
            for (Phase phase : List.of(Phase.IDLE, Phase.SHIFTING, Phase.SWITCHED, Phase.IDLE, Phase.SWITCHED)) {
                world(config, phase, mysql);
                // The second IDLE and SWITCHED: an execution of the name the start picks already runs.
                boolean running = ++round > 3;
                if (running) {
                    givenStepFunctionsExecutionRunning("orders-db-1");
                }
                String scenario = configuration + " " + event.getFileName() + " in " + phase
                        + (running ? " while an execution runs" : "");
                if (alarm) {
                    invoke("AlarmRollback", scenario, () -> new AlarmRollbackHandler(ports(), MIGRATION).handle(body));
                } else {
                    invoke("ReadinessPoll", scenario, () -> new ReadinessPollHandler(ports(), MIGRATION).handle(body));
                }
            }
        }
    }

    /** Every task in every phase, three times: a restore is polled until its cluster and writer are available. */
    private void tasks(String configuration, ObjectNode config, boolean mysql) {
        for (String task : WorkflowTasks.NAMES) {
            if (RESTORE_TASKS.contains(task) && !configuration.contains("pitr")) {
                continue;
            }
            for (Phase phase : Phase.values()) {
                world(config, phase, mysql);
                if (task.equals("restoreRecordTtl")) {
                    givenLoweredRecordTtl();
                }
                for (int attempt = 0; attempt < 3; attempt++) {
                    String input = taskInput(task);
                    invoke("WorkflowTasks", configuration + " " + task + " in " + phase,
                            () -> new WorkflowTaskHandler(ports(), MIGRATION).handle(input));
                }
            }
        }
    }

    /** A lowering lowerRecordTtl stored, with the records still at its 5 s: restoreRecordTtl puts 30 s back. */
    private void givenLoweredRecordTtl() {
        givenParameter("record-ttl", """
                {"cutoverTtlSeconds": 5, "plannedAt": "2026-11-21T09:00:00Z", "cachesExpireAt": "2026-11-21T09:01:00Z",
                 "restoredAt": null, "groups": [
                   {"group": "orders-writer", "originalTtl": 30, "lowered": true, "reason": "TTL 30 s lowered to 5 s"},
                   {"group": "orders-reader", "originalTtl": 30, "lowered": true, "reason": "TTL 30 s lowered to 5 s"}]}""");
        givenRoute53().weights(WRITER_RECORD, 100, 0, 5).weights(READER_RECORD, 50, 50, 5);
    }

    /**
     * The workflow's rollback after the writer switch, in order and in one account, so the point-in-time restore is
     * started, polled until its cluster is available, given its writer and polled again (RdsRestoreStub).
     */
    private void recovery(String configuration, ObjectNode config, boolean mysql) {
        world(config, Phase.SWITCHED, mysql);
        givenRollingBackAfterTheSwitch();
        List<String> steps = List.of("rollback", "recover", "checkRestore:cluster", "checkRestore:cluster",
                "checkRestore:cluster", "createRestoredWriter", "checkRestore:writer", "checkRestore:writer",
                "checkRestore:writer", "finishRollback");
        for (String step : steps) {
            String[] taskAndResource = step.split(":");
            if (RESTORE_TASKS.contains(taskAndResource[0]) && !configuration.contains("pitr")) {
                continue;
            }
            ObjectNode input = (ObjectNode) Json.parseTree(taskInput(taskAndResource[0]), "input");
            if (taskAndResource.length > 1) {
                input.put("resource", taskAndResource[1]);
            }
            invoke("WorkflowTasks", configuration + " recovery " + step,
                    () -> new WorkflowTaskHandler(ports(), MIGRATION).handle(input.toString()));
        }
    }

    /** Rolling back from SWITCHED, with the rollback point the workflow recorded before the switch. */
    private void givenRollingBackAfterTheSwitch() {
        givenParameter("state", Json.write(new CutoverState(MIGRATION, Phase.ROLLING_BACK, 0, "orders-db-1",
                NOW.minusSeconds(60), List.of(new PhaseChange(Phase.SWITCHED, Phase.ROLLING_BACK, 0,
                NOW.minusSeconds(60), "orders-aurora-cpu-high ALARM")))));
        givenParameter(CutoverStore.ROLLBACK_POINT, Json.write(new RollbackService.RollbackPoint(
                NOW.minusSeconds(900), "0/16B3748")));
    }

    /**
     * The functions that open database connections read both logins first (PostgresDatabaseSides); the handler ITs
     * run without databases, so the lookup the real side makes is driven here with the real resolver.
     */
    private void logins(String configuration, ObjectNode config) {
        wireMock.resetAll();
        wireMock.stubFor(post(urlEqualTo("/")).willReturn(StubResponses.json("{\"SecretString\":"
                + "\"{\\\"username\\\":\\\"u\\\",\\\"password\\\":\\\"p\\\"}\"}")));
        List<String> functions = new ArrayList<>(List.of("CutoverApi", "AlarmRollback", "WorkflowTasks"));
        if (config.path("replication").path("kind").asText().equals("native")) {
            functions.add("ReadinessPoll");
        }
        for (String function : functions) {
            for (String side : List.of("source", "target")) {
                String secret = config.path("databases").path(side).path("secretArn").asText();
                invoke(function, configuration + " " + side + " login",
                        () -> new SecretsManagerSecretResolver(clients::secretsManager).resolve(secret));
            }
        }
    }

    /**
     * The fall-back window's DMS calls (issue 18). The real paths call the DMS API around database steps, which these
     * tests cannot reach (the switch starts the reverse task after creating its slot on the target; a rollback before
     * the writer moved resumes the forward tasks after dropping it), so each function's calls are driven here through
     * the object those paths use, with the real adapter, as {@link #logins} drives the login lookup:
     * the switch (WorkflowTasks), finalize (CutoverApi; ReadinessPoll when the window times out), a rollback
     * before the writer moved (CutoverApi, AlarmRollback, WorkflowTasks), and a rollback after it (the same three;
     * issue 17), which reads the reverse task's table statistics and resumes it when it was stopped or failed
     * (the Watch, in WorkflowTasks, reads them too).
     */
    private void reverseTask(String configuration, ObjectNode config, boolean mysql) {
        CutoverConfig parsed = CutoverConfigParser.parse(config.toString());
        Map<String, List<Consumer<DmsReverseReplication>>> calls = Map.of(
                "WorkflowTasks", List.of(d -> d.stopForward(parsed), d -> d.startReverse(parsed, "0/16B3748"),
                        d -> d.stopReverse(parsed), d -> d.resumeForward(parsed), resumeStoppedReverse(parsed)),
                "CutoverApi", List.of(d -> d.stopReverse(parsed), d -> d.stopForward(parsed),
                        d -> d.resumeForward(parsed), resumeStoppedReverse(parsed)),
                "AlarmRollback", List.of(d -> d.stopReverse(parsed), d -> d.resumeForward(parsed),
                        resumeStoppedReverse(parsed)),
                "ReadinessPoll", List.of(d -> d.stopReverse(parsed), d -> d.stopForward(parsed)));
        calls.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(function -> {
            for (Consumer<DmsReverseReplication> call : function.getValue()) {
                world(config, Phase.SWITCHED, mysql);
                invoke(function.getKey(), configuration + " reverse DMS task",
                        () -> call.accept(new DmsReverseReplication(ports().dmsTasks())));
            }
        });
        for (String function : List.of("AlarmRollback", "CutoverApi", "WorkflowTasks")) {
            world(config, Phase.SWITCHED, mysql);
            invoke(function, configuration + " reverse DMS task tables",
                    () -> ports().dms().tableStatistics(parsed.replication().reverseDmsTaskArn()));
        }
    }

    /** A rollback after the switch that finds the reverse task stopped resumes it (resume-processing). */
    private static Consumer<DmsReverseReplication> resumeStoppedReverse(CutoverConfig parsed) {
        return d -> {
            d.stopReverse(parsed);
            d.resumeReverse(parsed);
        };
    }

    /**
     * DMS as a stop takes effect: every task, the reverse one too, runs until a StopReplicationTask, after which
     * DescribeReplicationTasks answers stopped (the switch waits for that); StartReplicationTask starts.
     */
    private void givenDmsTasksThatStop() {
        List<String> arns = List.of(TASK_ONE, TASK_TWO, REVERSE_TASK);
        wireMock.stubFor(dmsCall("DescribeReplicationTasks").atPriority(1).inScenario("dms")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(StubResponses.json(AwsResponses.dmsTasks(arns.stream()
                        .map(a -> AwsResponses.dmsTask(a, DMS_INSTANCE, "running")).toList()))));
        wireMock.stubFor(dmsCall("DescribeReplicationTasks").atPriority(1).inScenario("dms")
                .whenScenarioStateIs("stopped").willReturn(StubResponses.json(AwsResponses.dmsTasks(arns.stream()
                        .map(a -> AwsResponses.dmsTask(a, DMS_INSTANCE, "stopped")).toList()))));
        wireMock.stubFor(dmsCall("StopReplicationTask").inScenario("dms").willSetStateTo("stopped")
                .willReturn(StubResponses.json(Json.MAPPER.createObjectNode().set("ReplicationTask",
                        AwsResponses.dmsTask(TASK_ONE, DMS_INSTANCE, "stopping")).toString())));
        wireMock.stubFor(dmsCall("StartReplicationTask").willReturn(StubResponses.json(Json.MAPPER.createObjectNode()
                .set("ReplicationTask", AwsResponses.dmsTask(REVERSE_TASK, DMS_INSTANCE, "starting")).toString())));
    }

    /** A task's input as the state machine passes it (cutover.asl.json), the path values filled in. */
    private static String taskInput(String task) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.put("task", task);
        input.put("migrationId", MIGRATION);
        input.put("executionName", "orders-db-1");
        input.put("gate", "writer");
        if (task.equals("checkRestore")) {
            input.put("deadline", NOW.plusSeconds(3600).toString());
        } else {
            input.putNull("deadline");
        }
        input.put("resource", task.equals("checkRestore") ? "cluster" : "writer");
        input.put("since", NOW.minusSeconds(60).toString());
        input.putObject("cause").put("Error", "AlarmFiredException").put("Cause", "orders-aurora-cpu-high ALARM");
        input.putNull("handOver");
        input.put("percent", 50);
        return input.toString();
    }

    private void world(ObjectNode config, Phase phase, boolean mysql) {
        resetStub();
        givenStoredConfig(config.toString());
        // Idle means no execution yet: the automatic mode's poll starts one.
        givenState(phase, phase == Phase.IDLE ? 0 : 50, phase == Phase.IDLE ? null : "orders-db-1");
        givenLockHeldBy("orders-db-1");
        givenHealthyReplication();
        givenDmsTasksThatStop();
        givenAuroraPostgresqlTarget();
        givenEncryptedTarget(mysql);
        givenStepFunctionsStartsExecutions();
        givenRoute53().weights(WRITER_RECORD, phase == Phase.SWITCHED ? 0 : 100, phase == Phase.SWITCHED ? 100 : 0)
                .weights(READER_RECORD, 50, 50).acceptingChanges();
        if (healthy) {
            givenEarlierNativeSamples(config);
        }
    }

    /**
     * Two earlier polls' samples of every slot, caught up: with this poll's the stability window holds, so native
     * readiness can pass and the automatic mode start the workflow.
     */
    private void givenEarlierNativeSamples(ObjectNode config) {
        List<LagSample> samples = new ArrayList<>();
        for (JsonNode slot : config.path("replication").path("slots")) {
            samples.add(new LagSample(slot.asText(), NOW.minusSeconds(120), 0, 0L));
            samples.add(new LagSample(slot.asText(), NOW.minusSeconds(60), 0, 0L));
        }
        givenParameter(CutoverStore.READINESS, Json.write(new ReadinessRecord(samples,
                ReadinessVerdict.Status.NOT_READY, "reader", NOW.minusSeconds(60), 0, List.of(), "earlier poll",
                Map.of())));
    }

    /** The target as a KMS-encrypted cluster (and, for backtrack, Aurora MySQL with a window) that RDS answers. */
    private void givenEncryptedTarget(boolean mysql) {
        String body = AwsResponses.postgresClusters("orders-aurora", NOW.minusSeconds(300))
                .replace("<Status>available</Status>", "<Status>available</Status><StorageEncrypted>true"
                        + "</StorageEncrypted><KmsKeyId>" + TARGET_CLUSTER_KEY + "</KmsKeyId>");
        if (mysql) {
            body = body.replace("aurora-postgresql", "aurora-mysql").replace("<EngineVersion>16.4",
                    "<EngineVersion>8.0.mysql_aurora.3.08.0").replace("<BacktrackWindow>0", "<BacktrackWindow>259200");
        }
        wireMock.stubFor(queryCall("DescribeDBClusters").atPriority(5).willReturn(StubResponses.xml(body)));
        // A snapshot of that name exists already (a retried task): RDS refuses, and the adapter describes it.
        wireMock.stubFor(queryCall("CreateDBSnapshot").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/xml").withBody("<ErrorResponse xmlns=\"http://rds.amazonaws.com/doc/"
                        + "2014-10-31/\"><Error><Type>Sender</Type><Code>DBSnapshotAlreadyExists</Code><Message>exists"
                        + "</Message></Error><RequestId>1</RequestId></ErrorResponse>")));
        wireMock.stubFor(queryCall("BacktrackDBCluster").willReturn(StubResponses.xml("""
                <BacktrackDBClusterResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><BacktrackDBClusterResult>
                  <DBClusterIdentifier>orders-aurora</DBClusterIdentifier><Status>applying</Status>
                  <BacktrackIdentifier>bt-1</BacktrackIdentifier>
                </BacktrackDBClusterResult></BacktrackDBClusterResponse>""")));
    }

    private void invoke(String function, String scenario, Runnable call) {
        wireMock.resetRequests();
        Future<?> running = invoker.submit(() -> {
            try {
                call.run();
            } catch (RuntimeException refusedOrFailed) {
                // A typed error is an outcome like any other here: what it asked of AWS is still recorded.
            }
        });
        try {
            running.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            running.cancel(true);
            throw new AssertionError(function + " did not finish " + scenario, e);
        }
        IamCalls.append(OUT.resolve(function + ".jsonl"), function, scenario + (healthy ? " (healthy databases)" : ""),
                requests());
    }
}
