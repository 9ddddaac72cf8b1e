package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.port.cloud.Weights;
import io.cutover.postgres.PgFenceWatch;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import io.cutover.statemachine.ExecutionResult;
import io.cutover.statemachine.ExecutionStatus;
import io.cutover.statemachine.WaitPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check of the writer switch, met for real: the production state machine on the ASL interpreter, the real task
 * handler and PostgreSQL adapters on two servers replicating logically. Each scenario breaks one thing only its
 * check can see; without the check the workflow would go on to SwitchWriter and succeed, so each scenario asserts
 * the rollback, the error that caused it and a writer record that never left the source.
 */
class SwitchChecksScenariosIT {
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);
    private static final String WRITER = "rehearsal-writer";
    private static final String HIDDEN_SEQUENCE = "invoice_numbers_hidden";
    private static final long EXTRA_ROW_ID = 900_000_000L;
    /** Orders dated long ago, in settled buckets: what PrecountRows counts before the fence. */
    private static final long OLD_ROW_ID = 800_000_000L;

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
        pair.executeOnSource("ALTER ROLE " + RehearsalPair.APP_ROLE + " RESET default_transaction_read_only",
                "DROP ROLE IF EXISTS scenario_member", "DROP PUBLICATION IF EXISTS scenario_empty");
        pair.executeOnTarget("ALTER SYSTEM RESET session_replication_role", "SELECT pg_reload_conf()",
                "DELETE FROM public.orders WHERE id = " + EXTRA_ROW_ID);
        pair.executeOnBoth("DELETE FROM public.orders WHERE id BETWEEN " + OLD_ROW_ID + " AND " + (OLD_ROW_ID + 9));
        awaitTargetDefault("origin");
        if (pair.queryTarget("SELECT count(*) FROM pg_class WHERE relname = '" + HIDDEN_SEQUENCE + "'") > 0) {
            pair.executeOnTarget("ALTER SEQUENCE public." + HIDDEN_SEQUENCE + " RENAME TO invoice_numbers");
        }
        if (pair.querySource("SELECT count(*) FROM pg_prepared_xacts WHERE gid = 'scenario'") > 0) {
            pair.executeOnSource("ROLLBACK PREPARED 'scenario'");
        }
    }

    @Test
    void aSessionThatTurnsReadOnlyOffAndWritesDuringTheDrain_isCaughtByCheckFence_beforeTheWriterMoves()
            throws SQLException {
        ExecutionResult result = run(c -> { }, before("drain", () -> {
            try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE); Statement st = app.createStatement()) {
                st.execute("SET default_transaction_read_only = off");
                st.execute("INSERT INTO public.orders (customer_id) VALUES (3)");
            }
            // Replication carries the write on, so the row counts match: only the fence check can tell.
            awaitTargetOrdersAsOnSource();
        }));

        assertRolledBackBeforeTheSwitch(result, "CheckFence", "FenceBypassedException");
        assertThat(result.cause()).contains("public.orders");
        assertThat(pair.querySource("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                + PgFenceWatch.slotName("rehearsal") + "'")).as("the unfence dropped the watch").isZero();
        assertSourceWritable();
        // The reverse replication had started before the check: the rollback removed it and resumed forward
        // replication, so the source's new write reaches the target (and the next cutover can run).
        assertThat(pair.querySource("SELECT count(*) FROM pg_subscription")).as("no reverse subscription").isZero();
        awaitTargetOrdersAsOnSource();
    }

    @Test
    void aSequenceMissingOnTheTarget_isCaughtBySyncSequences() {
        ExecutionResult result = run(c -> { }, before("syncSequences", () -> pair.executeOnTarget(
                "ALTER SEQUENCE public.invoice_numbers RENAME TO " + HIDDEN_SEQUENCE)));

        assertRolledBackBeforeTheSwitch(result, "SyncSequences", "SequenceSyncIncompleteException");
        assertThat(result.cause()).contains("public.invoice_numbers");
    }

    @Test
    void aSequenceMissingOnTheTargetBeforeTheFence_isCaughtByPresyncSequences_andTheSourceIsNeverFenced() {
        ExecutionResult result = run(c -> { }, before("presyncSequences", () -> pair.executeOnTarget(
                "ALTER SEQUENCE public.invoice_numbers RENAME TO " + HIDDEN_SEQUENCE)));

        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).contains("SequenceSyncIncompleteException", "public.invoice_numbers");
        assertThat(result.stateNames()).containsSubsequence("PresyncSequences", "RollBack", "CutoverRolledBack")
                .doesNotContain("FenceSource", "SwitchWriter");
    }

    @Test
    void aTargetWhoseServerDefaultIsReplica_isCaughtByResetSessionReplicationRole() {
        ExecutionResult result = run(c -> { }, before("resetSessionReplicationRole", () -> {
            pair.executeOnTarget("ALTER SYSTEM SET session_replication_role = replica", "SELECT pg_reload_conf()");
            awaitTargetDefault("replica");
        }));

        assertRolledBackBeforeTheSwitch(result, "ResetSessionReplicationRole",
                "SessionReplicationRoleNotOriginException");
    }

    @Test
    void aRowOnlyTheTargetHas_isCaughtByVerifyRowCounts() {
        ExecutionResult result = run(c -> { }, before("verifyRowCounts", () -> pair.executeOnTarget(
                "INSERT INTO public.orders (id, customer_id, invoice) VALUES (" + EXTRA_ROW_ID + ", 1, "
                        + EXTRA_ROW_ID + ")")));

        assertRolledBackBeforeTheSwitch(result, "VerifyRowCounts", "RowCountMismatchException");
        assertThat(result.cause()).contains("public.orders");
        // AND the reverse publication and slot prepared before the fence are gone: a slot left behind would hold the
        // target's WAL
        assertThat(result.stateNames()).contains("PrepareReverseReplication");
        assertThat(pair.queryTarget("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                + io.cutover.core.port.db.ReverseReplicationRequest.objectName("rehearsal") + "'")).isZero();
        assertThat(pair.queryTarget("SELECT count(*) FROM pg_publication WHERE pubname = '"
                + io.cutover.core.port.db.ReverseReplicationRequest.objectName("rehearsal") + "'")).isZero();
    }

    /** orders counted per month by created_at, with ten rows of 2025 on both sides; checksums as asked. */
    private static Consumer<ObjectNode> bucketedOrders(boolean checksums) {
        pair.executeOnSource("INSERT INTO public.orders (id, customer_id, invoice, created_at) SELECT "
                + OLD_ROW_ID + " + g, 1, " + OLD_ROW_ID + " + g, timestamptz '2025-01-03 10:00:00+00' + g * interval"
                + " '1 month' FROM generate_series(0, 9) g");
        awaitTargetOrdersAsOnSource();
        return c -> {
            ArrayNode counts = c.putArray("rowCounts");
            counts.addObject().put("table", "public.customers");
            counts.addObject().put("table", "public.orders").put("bucketColumn", "created_at").put("bucket", "month");
            c.putObject("rowCountVerification").put("checksums", checksums);
        };
    }

    private static long targetCounter(String counter) {
        return pair.queryTarget("SELECT " + counter + " FROM pg_stat_user_tables WHERE relid = 'public.orders'::regclass");
    }

    /** Backends report their statistics late: wait until the target's counter moved past {@code before}. */
    private static void awaitTargetCounterPast(String counter, long before) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (targetCounter(counter) <= before) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the target's " + counter + " never moved");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aBucketedTableWrittenOnlyInItsRecentMonth_hasOnlyItsRecentRowsCountedInsideTheWindow() {
        // GIVEN orders counted per month, with new orders (this month) written between the precount and the fence,
        // and one more past the fence (so CheckFence stops the run after VerifyRowCounts, before the writer moves)
        Consumer<ObjectNode> config = bucketedOrders(false);
        JsonNode[] verified = new JsonNode[1];
        ExecutionResult result = run(config, new LocalWorkflow.TaskListener() {
            @Override
            public void before(String task, JsonNode input) {
                try {
                    if (task.equals("precountRows") || task.equals("verifyRowCounts")) {
                        // Backends report their counters late, the more so on a loaded machine: a precount or a
                        // recount read before they arrive rightly counts in full, which is not what this test shows.
                        awaitOrderCountersSettled();
                    }
                    if (task.equals("snapshotSource")) {
                        pair.executeOnSource("INSERT INTO public.orders (customer_id) SELECT 3"
                                + " FROM generate_series(1, 5)");
                        awaitTargetOrdersAsOnSource();
                    }
                    if (task.equals("drain")) {
                        try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE);
                             Statement st = app.createStatement()) {
                            st.execute("SET default_transaction_read_only = off");
                            st.execute("INSERT INTO public.orders (customer_id) VALUES (3)");
                        }
                        awaitTargetOrdersAsOnSource();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void after(String task, JsonNode input, JsonNode output) {
                if (task.equals("verifyRowCounts")) {
                    verified[0] = output;
                }
            }
        });

        // THEN VerifyRowCounts passed with the settled rows of orders taken from the precount, not counted again, and
        // customers (counted whole, untouched since) not counted at all
        assertRolledBackBeforeTheSwitch(result, "CheckFence", "FenceBypassedException");
        assertThat(result.stateNames()).containsSubsequence("PrecountRows", "FenceSource", "VerifyRowCounts");
        assertThat(verified[0]).as("verifyRowCounts answered").isNotNull();
        assertThat(verified[0].path("settledFromPrecount").asInt()).as(verified[0].toString()).isEqualTo(2);
    }

    @Test
    void anOldRowDeletedOnTheTargetOnly_afterThePrecount_isRecountedAndCaughtByVerifyRowCounts() {
        // GIVEN orders counted per month, precounted before the fence; then a settled row lost on the target
        Consumer<ObjectNode> config = bucketedOrders(false);
        ExecutionResult result = run(config, before("fenceSource", () -> {
            long deleted = targetCounter("n_tup_del");
            pair.executeOnTarget("DELETE FROM public.orders WHERE id = " + (OLD_ROW_ID + 2));
            awaitTargetCounterPast("n_tup_del", deleted);
        }));

        // THEN the precount ran before the fence, and the deletion its statistics showed made the table counted anew
        assertThat(result.stateNames()).containsSubsequence("PrecountRows", "SnapshotSource", "FenceSource");
        assertRolledBackBeforeTheSwitch(result, "VerifyRowCounts", "RowCountMismatchException");
        assertThat(result.cause()).contains("public.orders", "2025-03-01T00:00:00: source 1, target 0");
    }

    @Test
    void anOldRowChangedOnTheTargetOnly_withChecksums_isCaughtByVerifyRowCounts_withEqualCounts() {
        Consumer<ObjectNode> config = bucketedOrders(true);
        ExecutionResult result = run(config, before("fenceSource", () -> {
            long updated = targetCounter("n_tup_upd");
            pair.executeOnTarget("UPDATE public.orders SET customer_id = 2 WHERE id = " + (OLD_ROW_ID + 4));
            awaitTargetCounterPast("n_tup_upd", updated);
        }));

        assertRolledBackBeforeTheSwitch(result, "VerifyRowCounts", "RowCountMismatchException");
        assertThat(result.cause()).contains("public.orders", "2025-05-01T00:00:00: same count, checksums differ");
    }

    @Test
    void noConfiguredCountsAndAnEmptyReplicationSet_isARowCountMismatch_notAPass() {
        pair.executeOnSource("CREATE PUBLICATION scenario_empty");

        ExecutionResult result = run(c -> {
            c.putArray("rowCounts");
            ((ObjectNode) c.path("replication")).put("publication", "scenario_empty");
        }, LocalWorkflow.TaskListener.NONE);

        assertRolledBackBeforeTheSwitch(result, "VerifyRowCounts", "RowCountMismatchException");
        assertThat(result.cause()).contains("no table");
    }

    @Test
    void aPreparedTransactionOnTheSource_isRefusedByTheFence() {
        ExecutionResult result = run(c -> { }, before("fenceSource", () -> pair.executeOnSource(
                "BEGIN; INSERT INTO public.orders (customer_id) VALUES (4); PREPARE TRANSACTION 'scenario'")));

        assertRolledBackBeforeTheSwitch(result, "FenceSource", "FenceRefusedException");
        assertThat(result.cause()).contains("prepared transactions");
    }

    @Test
    void aLoginMemberOfTheFencedRole_isRefusedAtPreflight_beforeAnyWeightMoves() {
        pair.executeOnSource("CREATE ROLE scenario_member LOGIN IN ROLE " + RehearsalPair.APP_ROLE);
        LocalEnvironment env = RealDatabaseEnvironments.of(pair, c -> { }, UnaryOperator.identity());

        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1, WaitPolicy.none(), RUN_DEADLINE,
                LocalWorkflow.TaskListener.NONE);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("PreflightFailed");
        assertThat(result.cause()).contains("scenario_member (member of " + RehearsalPair.APP_ROLE + ")");
        assertThat(env.effects.all()).noneMatch(e -> e.call().startsWith("route53:") || e.call().startsWith("db:"));
    }

    private static ExecutionResult run(Consumer<ObjectNode> configChange, LocalWorkflow.TaskListener listener) {
        LocalEnvironment env = RealDatabaseEnvironments.of(pair, configChange, UnaryOperator.identity());
        ExecutionResult result = new LocalWorkflow(env, "rehearsal").run(1, WaitPolicy.none(), RUN_DEADLINE,
                listener);
        assertThat(env.records.current(WRITER)).as("the writer record never left the source")
                .isEqualTo(Weights.allSource());
        return result;
    }

    @FunctionalInterface
    private interface Breakage {
        void run() throws Exception;
    }

    /** Breaks something just before the task runs, once. */
    private static LocalWorkflow.TaskListener before(String task, Breakage breakage) {
        return new LocalWorkflow.TaskListener() {
            private boolean done;

            @Override
            public void before(String name, JsonNode input) {
                if (name.equals(task) && !done) {
                    done = true;
                    try {
                        breakage.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    private static void assertRolledBackBeforeTheSwitch(ExecutionResult result, String state, String error) {
        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("CutoverRolledBack");
        assertThat(result.cause()).contains(error);
        assertThat(result.stateNames()).containsSubsequence(state, "RollBack", "FinishRollback", "CutoverRolledBack")
                .doesNotContain("SwitchWriter");
    }

    private static void assertSourceWritable() throws SQLException {
        try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE); Statement st = app.createStatement()) {
            st.execute("INSERT INTO public.orders (customer_id) VALUES (5)");
        }
    }

    /**
     * Until the counters of public.orders on both sides have not moved for longer than PostgreSQL's idle flush
     * interval (PGSTAT_IDLE_INTERVAL, 10 s since PostgreSQL 15): every backend that changed the table has reported.
     */
    private static void awaitOrderCountersSettled() {
        String counters = "SELECT n_tup_ins * 1000003 + n_tup_upd * 1009 + n_tup_del FROM pg_stat_user_tables"
                + " WHERE relid = 'public.orders'::regclass";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < Duration.ofSeconds(11).toNanos()) {
            long now = pair.querySource(counters) * 31 + pair.queryTarget(counters);
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the table counters of public.orders kept moving for 60 s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void awaitTargetOrdersAsOnSource() {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String count = "SELECT count(*) FROM public.orders";
        while (pair.queryTarget(count) != pair.querySource(count)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the write past the fence never reached the target");
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitTargetDefault(String value) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            if (pair.queryTarget("SELECT count(*) FROM pg_settings WHERE name = 'session_replication_role'"
                    + " AND reset_val = '" + value + "'") == 1) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the target's default session_replication_role never became " + value);
    }
}
