package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.core.port.db.CleanupOutcome;
import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.handlers.CutoverApiHandler;
import io.cutover.handlers.ReadinessPollHandler;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.local.adapters.EffectLog;
import io.cutover.postgres.embedded.EmbeddedReplicatedPair;
import io.cutover.statemachine.ExecutionResult;
import io.cutover.statemachine.ExecutionStatus;
import io.cutover.statemachine.WaitPolicy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fall-back window on real servers (issue 18): the cutover ends FALLBACK_OPEN with reverse replication running,
 * and finalize (or the window's timeout) stops it, removes the replication objects of both directions, COMPLETED.
 * One pair per test: finalize drops the forward replication too.
 */
class FallbackWindowIT {
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);
    private static final String REVERSE = ReverseReplicationRequest.objectName("rehearsal");

    @TempDir
    Path dir;

    @Test
    void finalize_closesTheWindow_dryRunChangesNothing_cleanupRemovesBothDirections_andIsIdempotent()
            throws SQLException {
        EmbeddedReplicatedPair pair = RehearsalPair.start(dir);
        try {
            // GIVEN a cutover that passed its watch: the window is open, reverse replication runs
            LocalEnvironment env = windowOpen(pair, c -> { });
            CutoverApiHandler api = new CutoverApiHandler(env.ports, "rehearsal");
            JsonNode status = api.handle("{\"action\": \"status\"}");
            assertThat(status.path("phase").asText()).isEqualTo("FALLBACK_OPEN");
            assertThat(status.path("fallbackWindow").path("open").asBoolean()).isTrue();
            assertThat(status.path("fallbackWindow").path("reverseReplicationRunning").asBoolean()).isTrue();
            try (Connection app = pair.targetConnection(RehearsalPair.APP_ROLE); Statement st = app.createStatement()) {
                st.execute("INSERT INTO public.orders (customer_id) VALUES (3)");
            }

            // WHEN finalize is asked with dry_run
            JsonNode dry = api.handle("{\"action\": \"finalize\", \"dry_run\": true}");

            // THEN nothing changed
            assertThat(dry.path("outcome").asText()).isEqualTo("dry_run");
            assertThat(pair.querySource("SELECT count(*) FROM pg_subscription WHERE subname = '" + REVERSE + "'"))
                    .isEqualTo(1);
            assertThat(api.handle("{\"action\": \"status\"}").path("phase").asText()).isEqualTo("FALLBACK_OPEN");

            // WHEN finalize runs
            JsonNode finalized = api.handle("{\"action\": \"finalize\"}");

            // THEN COMPLETED, and the cleanup removed the subscriptions, slots and publications of both directions
            assertThat(finalized.path("outcome").asText()).as("%s", finalized).isEqualTo("applied");
            assertThat(finalized.path("phase").asText()).isEqualTo("COMPLETED");
            assertThat(finalized.path("cleanup").path("closed").asBoolean()).isTrue();
            assertThat(removed(finalized.path("cleanup").path("reverse"))).isEqualTo(3);
            assertThat(removed(finalized.path("cleanup").path("forward"))).isEqualTo(3);
            assertThat(pair.querySource("SELECT count(*) FROM pg_subscription")).isZero();
            assertThat(pair.querySource("SELECT count(*) FROM pg_replication_slots")).isZero();
            assertThat(pair.querySource("SELECT count(*) FROM pg_publication")).isZero();
            assertThat(pair.queryTarget("SELECT count(*) FROM pg_subscription")).isZero();
            assertThat(pair.queryTarget("SELECT count(*) FROM pg_replication_slots")).isZero();
            assertThat(pair.queryTarget("SELECT count(*) FROM pg_publication")).isZero();
            JsonNode after = api.handle("{\"action\": \"status\"}");
            assertThat(after.path("fallbackWindow").path("open").asBoolean()).isFalse();
            assertThat(after.path("fallbackWindow").path("reverseReplicationRunning").asBoolean()).isFalse();

            // AND a second finalize changes nothing, and a rollback is refused now (the target's writes stay)
            assertThat(api.handle("{\"action\": \"finalize\"}").path("outcome").asText()).isEqualTo("no_op");
            assertThat(api.handle("{\"action\": \"rollback\"}").path("outcome").asText()).isEqualTo("refused");
        } finally {
            pair.close();
        }
    }

    @Test
    void aRepeatedRollbackInTheWindow_repeatsTheReverseSwitch_andNeverResumesForwardReplicationIntoTheTarget() {
        EmbeddedReplicatedPair pair = RehearsalPair.start(dir);
        try {
            // GIVEN a cutover that passed its watch, then a rollback that carried the target's writes back
            LocalEnvironment env = windowOpen(pair, c -> { });
            CutoverApiHandler api = new CutoverApiHandler(env.ports, "rehearsal");
            JsonNode first = api.handle("{\"action\": \"rollback\"}");
            assertThat(first.path("reverted").path("route").asText()).as("%s", first).isEqualTo("REVERSE_SWITCH");

            // WHEN the workflow's own rollback runs after it (an alarm or operator rollback and the workflow's
            // both run; Lambdas run at least once), with every record already back on the source
            JsonNode second = new io.cutover.handlers.WorkflowTaskHandler(env.ports, "rehearsal").handle(
                    "{\"task\":\"rollback\",\"migrationId\":\"rehearsal\",\"executionName\":\"rehearsal-1\"}");

            // THEN it is the reverse switch again, not a rollback before the writer moved: the reverse replication
            // is not abandoned and the forward subscription, which would replay into a diverged target, stays off
            assertThat(second.path("route").asText()).as("%s", second).isEqualTo("REVERSE_SWITCH");
            assertThat(second.has("reverseReplicationAbandoned")).as("%s", second).isFalse();
            assertThat(pair.queryTarget("SELECT count(*) FROM pg_subscription WHERE subenabled")).isZero();
            assertThat(pair.querySource("SELECT count(*) FROM pg_subscription WHERE subname = '" + REVERSE + "'"))
                    .isEqualTo(1);
        } finally {
            pair.close();
        }
    }

    @Test
    void aRollbackWhoseReverseDrainFails_unfencesTheTargetAgain_soTheWriterStaysOnAWritablePrimary_losingNothing()
            throws SQLException {
        EmbeddedReplicatedPair pair = RehearsalPair.start(dir);
        try {
            // GIVEN a cutover in its fall-back window whose reverse replication has stopped applying
            LocalEnvironment env = windowOpen(pair, c -> c.put("drainTimeoutSeconds", 2));
            pair.executeOnSource("ALTER SUBSCRIPTION " + REVERSE + " DISABLE");
            try (Connection app = pair.targetConnection(RehearsalPair.APP_ROLE); Statement st = app.createStatement()) {
                st.execute("INSERT INTO public.orders (customer_id) VALUES (4)");
            }

            // WHEN a rollback runs: the target is fenced, but its writes cannot reach the source
            io.cutover.handlers.WorkflowTaskHandler tasks = new io.cutover.handlers.WorkflowTaskHandler(env.ports,
                    "rehearsal");

            // THEN it failed with its own error, and the target took writes again while the source stayed fenced
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.handle(
                    "{\"task\":\"rollback\",\"migrationId\":\"rehearsal\",\"executionName\":\"rehearsal-1\"}"))
                    .isInstanceOf(io.cutover.handlers.errors.ReverseSwitchFailedException.class)
                    .hasMessageContaining("unfenced again").hasMessageContaining("DrainTimeoutException");
            try (Connection app = pair.targetConnection(RehearsalPair.APP_ROLE); Statement st = app.createStatement()) {
                st.execute("INSERT INTO public.orders (customer_id) VALUES (5)");
            }
            assertThat(env.records.current("rehearsal-writer").target()).isPositive();
            // (the two target writes are on the target, the primary, and not on the source: none lost, none split)
            assertThat(pair.queryTarget("SELECT count(*) FROM public.orders")
                    - pair.querySource("SELECT count(*) FROM public.orders")).isEqualTo(2);
            try (Connection app = pair.sourceConnection(RehearsalPair.APP_ROLE); Statement st = app.createStatement()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> st.execute("INSERT INTO public.orders (customer_id) VALUES (6)"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
            }
        } finally {
            pair.close();
        }
    }

    @Test
    void theWindowsTimeout_finalizesAtTheNextScheduledPoll() {
        EmbeddedReplicatedPair pair = RehearsalPair.start(dir);
        try {
            // GIVEN a one-second window that opened after the watch
            LocalEnvironment env = windowOpen(pair, c -> c.put("fallbackWindowSeconds", 1));
            CutoverApiHandler api = new CutoverApiHandler(env.ports, "rehearsal");
            awaitWindowExpired(api);

            // WHEN the scheduled poll runs
            JsonNode poll = new ReadinessPollHandler(env.ports, "rehearsal").handle(Fixtures.read("events/scheduled.json"));

            // THEN it finalized the window
            assertThat(poll.path("action").asText()).as("%s", poll).isEqualTo("finalize");
            assertThat(poll.path("outcome").asText()).isEqualTo("applied");
            assertThat(api.handle("{\"action\": \"status\"}").path("phase").asText()).isEqualTo("COMPLETED");
            assertThat(pair.querySource("SELECT count(*) FROM pg_subscription")).isZero();
        } finally {
            pair.close();
        }
    }

    private static void awaitWindowExpired(CutoverApiHandler api) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String closesAt = api.handle("{\"action\": \"status\"}").path("fallbackWindow").path("closesAt").asText();
            if (!closesAt.isEmpty() && !java.time.Instant.parse(closesAt).isAfter(Clock.systemUTC().instant())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the window never expired: closesAt " + closesAt);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long removed(JsonNode cleanup) {
        long n = 0;
        for (JsonNode step : cleanup.path("steps")) {
            if (!step.path("outcome").asText().equals(CleanupOutcome.FAILED.name())
                    && !step.path("outcome").asText().equals(CleanupOutcome.SKIPPED.name())) {
                n++;
            }
        }
        return n;
    }

    /** A cutover run on the pair until it passed its watch: the fall-back window is open. */
    private static LocalEnvironment windowOpen(EmbeddedReplicatedPair pair, Consumer<ObjectNode> change) {
        LocalEnvironment env = environment(pair, change);
        ExecutionResult result = new LocalWorkflow(env, "rehearsal")
                .run(1, WaitPolicy.none(), RUN_DEADLINE, LocalWorkflow.TaskListener.NONE);
        assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return env;
    }

    private static LocalEnvironment environment(EmbeddedReplicatedPair pair, Consumer<ObjectNode> change) {
        ObjectNode config = RehearsalPair.config(pair);
        change.accept(config);
        String json = Json.write(config);
        Clock clock = Clock.systemUTC();
        EffectLog effects = new EffectLog(clock);
        return new LocalEnvironment(CutoverConfigParser.parse(json), json, LocalState.empty(), clock, effects,
                new RecordingDatabaseSides(PostgresDatabaseSides.inline(), effects), start -> { });
    }
}
