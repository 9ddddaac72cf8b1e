package io.cutover.postgres;

import io.cutover.core.port.db.DmsApplyException;
import io.cutover.core.port.db.DmsControlTablesReport;
import io.cutover.core.port.db.DrainReport;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control tables as DMS creates them on a PostgreSQL target: lower-case names, {@code timestamp} columns in UTC
 * (columns as documented for {@code awsdms_status} and {@code awsdms_apply_exceptions}).
 */
@Timeout(120)
class DmsControlTablesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TASK_ONE = "ORDERSTASKONE";
    private static final String TASK_TWO = "ORDERSTASKTWO";
    private static final String ARN_ONE = "arn:aws:dms:eu-west-1:123456789012:task:" + TASK_ONE;
    private static ReplicatedPair pair;
    private static PgDmsControlTables tables;
    private static PgReplicationDrain drain;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        tables = pair.adapters().dmsControlTables();
        drain = pair.adapters().replicationDrain();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    private static String createControlTables(String schema) {
        pair.executeOnTarget("CREATE SCHEMA " + schema,
                """
                CREATE TABLE %s.awsdms_status (
                    server_name varchar(128), task_name varchar(128) NOT NULL, task_status varchar(32),
                    status_time timestamp, pending_changes bigint, disk_swap_size bigint, task_memory bigint,
                    source_current_position varchar(128), source_current_timestamp timestamp,
                    source_tail_position varchar(128), source_tail_timestamp timestamp,
                    source_timestamp_applied timestamp)""".formatted(schema),
                """
                CREATE TABLE %s.awsdms_apply_exceptions (
                    task_name varchar(128) NOT NULL, table_owner varchar(128), table_name varchar(128),
                    error_time timestamp NOT NULL, statement text, error text)""".formatted(schema));
        return schema;
    }

    private static String utc(Instant t) {
        return "'" + t.toString().replace("T", " ").replace("Z", "") + "'";
    }

    private static void upsertStatus(String schema, String task, String status, Instant statusTime, long pending,
                                     Instant applied) {
        pair.executeOnTarget("DELETE FROM " + schema + ".awsdms_status WHERE task_name = '" + task + "'",
                "INSERT INTO " + schema + ".awsdms_status (server_name, task_name, task_status, status_time, "
                        + "pending_changes, source_timestamp_applied) VALUES ('ip-10-0-0-1', '" + task + "', '"
                        + status + "', " + utc(statusTime) + ", " + pending + ", "
                        + (applied == null ? "NULL" : utc(applied)) + ")");
    }

    @Test
    void read_reportsEachTasksStatusCatchUpTime_andTheApplyExceptions() {
        // GIVEN two tasks' status rows and three apply exceptions
        String schema = createControlTables(ReplicatedPair.unique("dmslogs"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        upsertStatus(schema, TASK_ONE, "CHANGE PROCESSING", now, 12, now.minusSeconds(3));
        upsertStatus(schema, TASK_TWO, "FULL LOAD", now, 0, null);
        pair.executeOnTarget("INSERT INTO " + schema + ".awsdms_apply_exceptions VALUES "
                + "('" + TASK_ONE + "', 'public', 'orders', " + utc(now.minusSeconds(60)) + ", 'UPDATE orders …', 'old'),"
                + "('" + TASK_ONE + "', 'public', 'orders', " + utc(now.minusSeconds(5)) + ", 'INSERT INTO orders …', "
                + "'duplicate key value violates unique constraint'),"
                + "('" + TASK_TWO + "', 'public', 'customers', " + utc(now.minusSeconds(30)) + ", 'DELETE …', 'no row')");

        // WHEN read for all tasks
        DmsControlTablesReport report = tables.read(schema, List.of(), 2, TIMEOUT);

        // THEN statuses, the catch-up lag, counts per task and the newest exceptions are there
        assertThat(report.statusTablePresent()).isTrue();
        assertThat(report.exceptionsTablePresent()).isTrue();
        assertThat(report.tasks()).hasSize(2);
        assertThat(report.tasks().getFirst()).satisfies(t -> {
            assertThat(t.taskName()).isEqualTo(TASK_ONE);
            assertThat(t.taskStatus()).isEqualTo("CHANGE PROCESSING");
            assertThat(t.pendingChanges()).isEqualTo(12);
            assertThat(Instant.parse(t.sourceTimestampApplied())).isEqualTo(now.minusSeconds(3));
            assertThat(Instant.parse(t.statusTime())).isEqualTo(now);
            assertThat(t.catchUpLagMillis()).isEqualTo(3_000);
        });
        assertThat(report.tasks().get(1).sourceTimestampApplied()).isNull();
        assertThat(report.tasks().get(1).catchUpLagMillis()).isNull();
        assertThat(report.applyExceptionCount()).isEqualTo(3);
        assertThat(report.applyExceptionCountByTask()).isEqualTo(Map.of(TASK_ONE, 2L, TASK_TWO, 1L));
        assertThat(report.newestApplyExceptions()).extracting(DmsApplyException::error)
                .containsExactly("duplicate key value violates unique constraint", "no row");

        // AND asking by ARN narrows to that task
        DmsControlTablesReport one = tables.read(schema, List.of(ARN_ONE), 10, TIMEOUT);
        assertThat(one.tasks()).extracting(t -> t.taskName()).containsExactly(TASK_ONE);
        assertThat(one.applyExceptionCount()).isEqualTo(2);
        assertThat(one.newestApplyExceptions()).allSatisfy(e -> assertThat(e.taskName()).isEqualTo(TASK_ONE));
    }

    @Test
    void read_reportsMissingTables_insteadOfFailing() {
        // GIVEN a schema without control tables, and one with only the exceptions table
        String empty = ReplicatedPair.unique("no_dms");
        pair.executeOnTarget("CREATE SCHEMA " + empty);
        String partial = createControlTables(ReplicatedPair.unique("dms_partial"));
        pair.executeOnTarget("DROP TABLE " + partial + ".awsdms_status");

        // WHEN read
        DmsControlTablesReport none = tables.read(empty, List.of(), 5, TIMEOUT);
        DmsControlTablesReport onlyExceptions = tables.read(partial, List.of(), 5, TIMEOUT);
        DmsControlTablesReport defaultSchema = tables.read(null, List.of(), 5, TIMEOUT);

        // THEN the report says what is missing
        assertThat(none.statusTablePresent()).isFalse();
        assertThat(none.exceptionsTablePresent()).isFalse();
        assertThat(none.tasks()).isEmpty();
        assertThat(none.applyExceptionCount()).isZero();
        assertThat(onlyExceptions.statusTablePresent()).isFalse();
        assertThat(onlyExceptions.exceptionsTablePresent()).isTrue();
        assertThat(defaultSchema.controlSchema()).isEqualTo("public");
        assertThat(defaultSchema.statusTablePresent()).isFalse();
    }

    @Test
    void drainDms_waitsUntilEveryTaskAppliedPastTheFenceTime_andNamesTheOneBehind() {
        // GIVEN two tasks: one already applied past the fence, one 4 s behind it
        String schema = createControlTables(ReplicatedPair.unique("dms_drain"));
        Instant fence = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        upsertStatus(schema, TASK_ONE, "CHANGE PROCESSING", fence.plusSeconds(1), 0, fence.plusMillis(500));
        upsertStatus(schema, TASK_TWO, "CHANGE PROCESSING", fence.minusSeconds(1), 40, fence.minusSeconds(4));

        // WHEN the drain waits briefly
        DrainReport behind = drain.drainDms(fence.toString(), List.of(ARN_ONE, TASK_TWO), schema, null,
                Duration.ofMillis(600), Duration.ofMillis(50));

        // THEN it names the task that is behind, by how long
        assertThat(behind.drained()).isFalse();
        assertThat(behind.kind()).isEqualTo("dms");
        assertThat(behind.detail()).contains(TASK_TWO + " is behind by 4000 ms").doesNotContain(TASK_ONE + " is behind");

        // AND WHEN the second task catches up while the drain waits (at its third poll)
        AtomicInteger polls = new AtomicInteger();
        DrainReport drained = drain.drainDms(fence.toString(), List.of(ARN_ONE, TASK_TWO), schema, () -> {
            if (polls.incrementAndGet() == 3) {
                upsertStatus(schema, TASK_TWO, "CHANGE PROCESSING", fence.plusSeconds(2), 0, fence.plusSeconds(1));
            }
            return Map.of(ARN_ONE, 0L, TASK_TWO, 0L);
        }, TIMEOUT, Duration.ofMillis(50));

        // THEN it reports drained with every task caught up
        assertThat(drained.drained()).as(drained.detail()).isTrue();
        assertThat(drained.polls()).isEqualTo(4);
        assertThat(drained.streams()).allSatisfy(s -> assertThat(s.caughtUp()).isTrue());
    }

    @Test
    void drainDms_acceptsAnIdleTaskWithNoPendingChanges_butHonoursIncomingChanges() {
        // GIVEN a task that applied nothing after the fence (nothing was written), with an up-to-date status row
        String schema = createControlTables(ReplicatedPair.unique("dms_idle"));
        Instant fence = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        upsertStatus(schema, TASK_ONE, "CHANGE PROCESSING", fence.plusSeconds(5), 0, fence.minusSeconds(30));

        // WHEN drained without and with a CloudWatch cross-check that still sees incoming changes
        DrainReport idle = drain.drainDms(fence.toString(), List.of(TASK_ONE), schema, null, TIMEOUT,
                Duration.ofMillis(50));
        DrainReport incoming = drain.drainDms(fence.toString(), List.of(TASK_ONE), schema,
                () -> Map.of(ARN_ONE, 7L), Duration.ofMillis(300), Duration.ofMillis(50));

        // THEN idle counts as drained, but not while CDCIncomingChanges says 7
        assertThat(idle.drained()).isTrue();
        assertThat(idle.streams().getFirst().note()).contains("no pending change");
        assertThat(incoming.drained()).isFalse();
        assertThat(incoming.streams().getFirst().incomingChanges()).isEqualTo(7);
        assertThat(incoming.detail()).contains("7 incoming change(s)");
    }

    @Test
    void drainDms_cannotDrain_withoutTheStatusTable() {
        String schema = ReplicatedPair.unique("dms_none");
        pair.executeOnTarget("CREATE SCHEMA " + schema);

        DrainReport report = drain.drainDms(Instant.now().toString(), List.of(TASK_ONE), schema, null, TIMEOUT,
                Duration.ofMillis(50));

        assertThat(report.drained()).isFalse();
        assertThat(report.polls()).isEqualTo(1);
        assertThat(report.detail()).contains("awsdms_status does not exist", schema);
    }
}
