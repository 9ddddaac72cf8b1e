package io.cutover.postgres;

import io.cutover.core.port.db.DmsApplyException;
import io.cutover.core.port.db.DmsControlTablesReport;
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

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        tables = pair.adapters().dmsControlTables();
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
    void exceptionsSince_returnsOnlyTheRowsLoggedAtOrAfterTheFence_forTheTasksAsked() {
        // GIVEN exceptions logged before and after a fence, by two tasks
        String schema = createControlTables(ReplicatedPair.unique("dms_since"));
        Instant fence = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        pair.executeOnTarget("INSERT INTO " + schema + ".awsdms_apply_exceptions VALUES "
                + "('" + TASK_ONE + "', 'public', 'orders', " + utc(fence.minusSeconds(1))
                + ", 'UPDATE …', 'before'),"
                + "('" + TASK_ONE + "', 'public', 'orders', " + utc(fence.plusMillis(200)) + ", 'INSERT …', 'after'),"
                + "('" + TASK_TWO + "', 'public', 'customers', " + utc(fence.plusSeconds(1))
                + ", 'DELETE …', 'other')");

        // WHEN read since the fence for the first task (by ARN), and for a schema without the table
        List<DmsApplyException> since = tables.exceptionsSince(schema, List.of(ARN_ONE), fence.toString(), 10,
                TIMEOUT);
        String empty = ReplicatedPair.unique("dms_since_none");
        pair.executeOnTarget("CREATE SCHEMA " + empty);

        // THEN only the row after the fence is there, and a missing table means none
        assertThat(since).extracting(DmsApplyException::error).containsExactly("after");
        assertThat(since.getFirst().tableName()).isEqualTo("orders");
        assertThat(tables.exceptionsSince(schema, List.of(), fence.toString(), 10, TIMEOUT))
                .extracting(DmsApplyException::error).containsExactly("other", "after");
        assertThat(tables.exceptionsSince(empty, List.of(), fence.toString(), 10, TIMEOUT)).isEmpty();
        // AND without a time, every row of the task asked, newest first (the forward drain's reading)
        assertThat(tables.exceptionsSince(schema, List.of(ARN_ONE), null, 10, TIMEOUT))
                .extracting(DmsApplyException::error).containsExactly("after", "before");
    }
}
