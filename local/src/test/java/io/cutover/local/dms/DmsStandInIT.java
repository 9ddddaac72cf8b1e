package io.cutover.local.dms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.config.SourceHeartbeat;
import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.TableStatistics;
import io.cutover.core.port.db.DmsControlTablesReport;
import io.cutover.core.readiness.LagSample;
import io.cutover.postgres.JdbcConnections;
import io.cutover.postgres.PgDmsControlTables;
import io.cutover.postgres.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stand-in on two real PostgreSQL servers, read only through what the cutover itself uses: the real
 * DmsCloudWatchProbe on SDK clients pointed at the stand-in, and the real PostgreSQL control-table adapter.
 */
class DmsStandInIT {
    private static final String DB = "app";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static EmbeddedPostgresServer source;
    private static EmbeddedPostgresServer target;
    private DmsStandIn task;
    private StandInAws aws;
    private final List<ObjectNode> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void servers() {
        Path dir = Path.of("target", "embedded-pg");
        source = EmbeddedPostgresServer.start("dms-source", dir);
        target = EmbeddedPostgresServer.start("dms-target", dir);
        for (EmbeddedPostgresServer s : List.of(source, target)) {
            s.execute("postgres", EmbeddedPostgresServer.SUPERUSER, "CREATE DATABASE " + DB);
            s.execute(DB, EmbeddedPostgresServer.SUPERUSER, "CREATE SCHEMA shop",
                    "CREATE TABLE shop.orders (id int PRIMARY KEY, note text, total numeric(10,2))",
                    "CREATE TABLE shop.lines (order_id int, n int, qty int, PRIMARY KEY (order_id, n))");
        }
    }

    @AfterAll
    static void stopServers() {
        target.close();
        source.close();
    }

    @AfterEach
    void stopTask() {
        if (aws != null) {
            aws.close();
        }
        if (task != null) {
            task.close();
        }
        for (EmbeddedPostgresServer s : List.of(source, target)) {
            s.execute(DB, EmbeddedPostgresServer.SUPERUSER, "TRUNCATE shop.orders, shop.lines");
        }
        target.execute(DB, EmbeddedPostgresServer.SUPERUSER, "DROP SCHEMA IF EXISTS awsdms_control CASCADE");
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "DROP SCHEMA IF EXISTS awsdms_control CASCADE");
    }

    /** Compressed timings: 300 ms periods and ingestion delay, so a test sees several datapoints in seconds. */
    private StandInSettings settings() {
        return StandInSettings.of(source.jdbcUrl(DB), target.jdbcUrl(DB), EmbeddedPostgresServer.SUPERUSER,
                List.of("shop")).withTimings(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(300),
                Duration.ofMillis(300));
    }

    private void start(StandInSettings settings) {
        task = DmsStandIn.start(settings, events::add);
        aws = new StandInAws(task);
    }

    @Test
    void changes_reachTheTarget_inCommitOrder_withTheStatusTableSayingWhatWasReadAndApplied() throws Exception {
        // GIVEN the task as the stack deploys it (status table on, transactional apply)
        start(settings().withTask(new DmsTaskSettings(true, "awsdms_control", false, 1000, 1, "DO_NOTHING")));
        Instant before = Instant.now();

        // WHEN the source inserts, updates (the key too), deletes, in three transactions
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER,
                "INSERT INTO shop.orders VALUES (1, 'it''s', 10.50), (2, NULL, 3), (3, 'gone', 1)",
                "UPDATE shop.orders SET id = 10, note = 'moved' WHERE id = 1",
                "DELETE FROM shop.orders WHERE id = 3");

        // THEN the target holds exactly the source's rows
        await(() -> rows("SELECT count(*) FROM shop.orders WHERE id = 10 AND note = 'moved'") == 1
                && rows("SELECT count(*) FROM shop.orders") == 2);
        assertThat(rows("SELECT count(*) FROM shop.orders WHERE id = 2 AND note IS NULL AND total = 3")).isEqualTo(1);
        // AND awsdms_status, read by the production adapter in the configured schema, shows the applied commit time
        await(() -> controlTables().tasks().stream().anyMatch(t -> t.sourceTimestampApplied() != null
                && !Instant.parse(t.sourceTimestampApplied()).isBefore(before.minusSeconds(1))
                && Long.valueOf(0).equals(t.pendingChanges())));
        DmsControlTablesReport report = controlTables();
        assertThat(report.statusTablePresent()).isTrue();
        assertThat(report.tasks()).singleElement().satisfies(t -> {
            assertThat(t.taskName()).isEqualTo("REHEARSALTASK");
            assertThat(t.taskStatus()).isEqualTo("CHANGE PROCESSING");
        });
        assertThat(current("source_current_position")).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(report.applyExceptionCount()).isZero();
        assertThat(task.errors()).isEmpty();
        assertThat(events).first().satisfies(e -> assertThat(e.path("detail").path("eventType").asText())
                .isEqualTo("REPLICATION_TASK_STARTED"));
    }

    @Test
    void theRealProbe_readsRunning_andTheTargetLatencyPerOneMinutePeriod_afterTheIngestionDelay() throws Exception {
        // GIVEN a running task and a source committing now and then
        start(settings());
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.orders VALUES (1, 'a', 1)");

        // WHEN the production probe polls through the SDK clients
        DmsPoll poll = pollUntil(p -> p.samples().size() >= 3);

        // THEN the task is running, with CloudWatch-shaped datapoints on period boundaries, none from the open period
        assertThat(poll.tasks()).singleElement().satisfies(t -> {
            assertThat(t.apiStatus()).isEqualTo("running");
            assertThat(t.tablesErrored()).isZero();
        });
        for (LagSample s : poll.samples()) {
            assertThat(s.at().toEpochMilli() % 300).isZero();
            assertThat(s.at()).isBefore(poll.polledAt().minusMillis(300));
            assertThat(s.latencySeconds()).isBetween(0.0, 2.0);
        }
        assertThat(aws.api().calls()).contains("dms:DescribeReplicationTasks", "dms:DescribeReplicationInstances",
                "cloudwatch:GetMetricData");
    }

    @Test
    void anIdleSource_keepsItsSourceLatencyLow_throughTheHeartbeat_andRisesWithoutIt() throws Exception {
        // GIVEN two runs on an idle source: the heartbeat on (every 200 ms), then off
        start(settings());
        Thread.sleep(2500);
        double withHeartbeat = latest(MetricStore.LATENCY_SOURCE);
        assertThat(rows("SELECT count(*) FROM awsdms_control.awsdms_heartbeat", source)).isEqualTo(1);
        stopTask();
        events.clear();
        start(settings().withHeartbeat(new SourceHeartbeat(false, 1, "awsdms_control")));
        Thread.sleep(2500);
        double without = latest(MetricStore.LATENCY_SOURCE);

        // THEN the heartbeat kept CDCLatencySource near its interval; without it, it grew with the idle time
        assertThat(withHeartbeat).isLessThan(1.0);
        assertThat(without).isGreaterThan(1.5);
    }

    @Test
    void failTask_isSeenByTheProbe_asFailed_withAFailureEvent_andTheStatusTableLeftStale() throws Exception {
        start(settings());
        await(() -> !controlTables().tasks().isEmpty());

        task.failTask("injected: source connection lost");

        assertThat(aws.probe().poll(List.of(StandInSettings.TASK_ARN), Duration.ofMinutes(1)).tasks().getFirst()
                .apiStatus()).isEqualTo("failed");
        assertThat(events).last().satisfies(e -> {
            assertThat(e.path("detail-type").asText()).isEqualTo("DMS Replication Task State Change");
            assertThat(e.path("detail").path("eventType").asText()).isEqualTo("REPLICATION_TASK_FAILED");
            assertThat(e.path("resources").get(0).asText()).isEqualTo(StandInSettings.TASK_ARN);
        });
        // A failed task cannot update awsdms_status: it still says CHANGE PROCESSING, which readiness cross-checks.
        assertThat(controlTables().tasks().getFirst().taskStatus()).isEqualTo("CHANGE PROCESSING");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"failed", "stopped"})
    void aResumedTask_goesOnFromItsCheckpoint_applyingWhatWasCommittedMeanwhile_andNothingTwice(String how)
            throws Exception {
        // GIVEN a task that applied a first row, then failed (or was stopped) at once, before the slot's next
        // confirmation, while the source went on committing
        start(settings());
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.orders VALUES (1, 'before', 1)");
        await(() -> rows("SELECT count(*) FROM shop.orders") == 1);
        if (how.equals("failed")) {
            task.failTask("injected: the replication instance lost its connection");
        } else {
            aws.probe().stop(StandInSettings.TASK_ARN);
            await(() -> DmsStandIn.STOPPED.equals(task.status()));
        }
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.orders VALUES (2, 'meanwhile', 1)",
                "INSERT INTO shop.orders VALUES (3, 'meanwhile', 1)");
        Thread.sleep(300);
        assertThat(rows("SELECT count(*) FROM shop.orders")).as("nothing applied while " + how).isEqualTo(1);

        // WHEN it is resumed through the DMS API (StartReplicationTask resume-processing)
        assertThat(aws.probe().resume(StandInSettings.TASK_ARN)).isIn("starting", "running");

        // THEN what was committed meanwhile arrives, and the row applied before is not applied again (a second insert
        // of it would be refused by its key and logged as an apply exception)
        await(() -> rows("SELECT count(*) FROM shop.orders") == 3);
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.orders VALUES (4, 'after', 1)");
        await(() -> rows("SELECT count(*) FROM shop.orders") == 4);
        assertThat(task.status()).isEqualTo(DmsStandIn.RUNNING);
        assertThat(controlTables().applyExceptionCount()).isZero();
        assertThat(task.errors()).isEmpty();
    }

    @Test
    void tableError_showsInTheTaskStats_andTableStatistics_andItsChangesStopArriving() throws Exception {
        start(settings());
        task.tableError("shop", "lines");
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.lines VALUES (1, 1, 5)",
                "INSERT INTO shop.orders VALUES (1, 'after', 1)");
        await(() -> rows("SELECT count(*) FROM shop.orders") == 1);

        TableStatistics stats = aws.probe().tableStatistics(StandInSettings.TASK_ARN);
        assertThat(stats.erroredTables()).containsExactly("shop.lines");
        assertThat(aws.probe().poll(List.of(StandInSettings.TASK_ARN), Duration.ofMinutes(1)).tasks().getFirst()
                .tablesErrored()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM shop.lines")).isZero();
    }

    @Test
    void applyExceptions_injectedOrReal_areLoggedInTheControlSchema_andTheRestIsApplied() throws Exception {
        start(settings());
        // GIVEN a row already on the target that the source is about to insert too (a real duplicate key)
        target.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.orders VALUES (7, 'target only', 1)");
        task.applyException("shop", "orders", "UPDATE shop.orders SET note = 'x' WHERE id = 99", "0 rows affected");

        source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.orders VALUES (7, 'source', 2)",
                "INSERT INTO shop.orders VALUES (8, 'fine', 3)");

        await(() -> rows("SELECT count(*) FROM shop.orders WHERE id = 8") == 1);
        DmsControlTablesReport report = controlTables();
        assertThat(report.applyExceptionCount()).isEqualTo(2);
        assertThat(report.newestApplyExceptions()).anySatisfy(e -> {
            assertThat(e.tableName()).isEqualTo("orders");
            assertThat(e.error()).contains("SQLSTATE 23505");
            assertThat(e.statement()).contains("INSERT INTO \"shop\".\"orders\"").contains("'source'");
        });
    }

    @Test
    void suspendedValidation_onHotRows_isReportedAsSuspended_notFailed() {
        start(settings());
        task.suspendValidation("shop", "orders", 4);

        TableStatistics stats = aws.probe().tableStatistics(StandInSettings.TASK_ARN);

        assertThat(stats.validationSuspendedRecords()).isEqualTo(4);
        assertThat(stats.validationFailedRecords()).isZero();
        assertThat(stats.erroredTables()).isEmpty();
    }

    @Test
    void fallingBehind_raisesTargetLatencyAboveSourceLatency_andCountsIncomingChanges() throws Exception {
        start(settings());
        task.fallBehind(Duration.ofSeconds(3));
        for (int i = 0; i < 10; i++) {
            source.execute(DB, EmbeddedPostgresServer.SUPERUSER, "INSERT INTO shop.orders VALUES (" + i + ", 'x', 1)");
            Thread.sleep(150);
        }

        await(() -> latest(MetricStore.LATENCY_TARGET) > 1.5);
        assertThat(latest(MetricStore.INCOMING_CHANGES)).isPositive();
        assertThat(latest(MetricStore.LATENCY_SOURCE)).isLessThan(latest(MetricStore.LATENCY_TARGET));
        assertThat(rows("SELECT count(*) FROM shop.orders")).isLessThan(10);

        // WHEN it catches up, everything arrives
        task.fallBehind(Duration.ZERO);
        await(() -> rows("SELECT count(*) FROM shop.orders") == 10);
    }

    @Test
    void stopReplicationTask_throughTheProbe_stops_andAStoppedTaskAnswersItsStatus() throws Exception {
        start(settings());

        assertThat(aws.probe().stop(StandInSettings.TASK_ARN)).isEqualTo("stopping");
        await(() -> DmsStandIn.STOPPED.equals(task.status()));

        // DMS refuses to stop a stopped task (InvalidResourceStateFault); the probe then reads the status
        assertThat(aws.probe().stop(StandInSettings.TASK_ARN)).isEqualTo("stopped");
        assertThat(events).extracting(e -> e.path("detail").path("eventType").asText())
                .containsExactly("REPLICATION_TASK_STARTED", "REPLICATION_TASK_STOPPED");
        await(() -> "NOT RUNNING".equals(controlTables().tasks().getFirst().taskStatus()));
    }

    @Test
    void withTheStatusTableDisabled_onlyApplyExceptionsIsKept_andBatchApplyStillDeliversEverything()
            throws Exception {
        start(settings().withTask(new DmsTaskSettings(false, "awsdms_control", true, 1000, 1, "DO_NOTHING")));
        source.execute(DB, EmbeddedPostgresServer.SUPERUSER,
                "BEGIN; INSERT INTO shop.orders VALUES (1, 'a', 1); INSERT INTO shop.lines VALUES (1, 1, 2); COMMIT");

        await(() -> rows("SELECT count(*) FROM shop.lines") == 1 && rows("SELECT count(*) FROM shop.orders") == 1);
        DmsControlTablesReport report = controlTables();
        assertThat(report.statusTablePresent()).isFalse();
        assertThat(report.exceptionsTablePresent()).isTrue();
        assertThat(report.controlSchema()).isEqualTo("awsdms_control");
    }

    // ---- helpers ----

    private DmsPoll pollUntil(java.util.function.Predicate<DmsPoll> done) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        DmsPoll poll;
        do {
            poll = aws.probe().poll(List.of(StandInSettings.TASK_ARN), Duration.ofMinutes(1));
            if (done.test(poll)) {
                return poll;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("the probe never saw what was awaited: " + poll);
    }

    /** The newest visible datapoint of a metric (Maximum), read from the stand-in's CloudWatch side. */
    private double latest(String metric) {
        Instant now = Instant.now();
        List<MetricStore.Datapoint> points = task.metrics().query(metric, "Maximum", now.minusSeconds(60), now, now);
        return points.isEmpty() ? Double.NaN : points.getLast().value();
    }

    private DmsControlTablesReport controlTables() {
        return new PgDmsControlTables(JdbcConnections.inline(target.connectionSettings(DB,
                EmbeddedPostgresServer.SUPERUSER))).read("awsdms_control", List.of(), 5, Duration.ofSeconds(5));
    }

    private String current(String column) throws SQLException {
        try (Connection c = target.connect(DB, EmbeddedPostgresServer.SUPERUSER); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + column + " FROM awsdms_control.awsdms_status")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long rows(String sql) {
        return rows(sql, target);
    }

    private static long rows(String sql, EmbeddedPostgresServer server) {
        try (Connection c = server.connect(DB, EmbeddedPostgresServer.SUPERUSER); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
