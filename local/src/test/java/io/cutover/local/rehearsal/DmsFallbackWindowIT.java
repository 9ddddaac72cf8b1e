package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseChange;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.handlers.CutoverApiHandler;
import io.cutover.handlers.WorkflowTaskHandler;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.local.LocalEnvironment;
import io.cutover.local.LocalState;
import io.cutover.local.RecordingDatabaseSides;
import io.cutover.local.adapters.EffectLog;
import io.cutover.local.dms.DmsStandIn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fall-back window over DMS (issue 18) on the rehearsal's servers and the DMS stand-in, through the production
 * handlers and DmsCloudWatchProbe on SDK clients: the workflow's startReverseReplication stops the forward task and
 * starts the reverse one from the slot it creates on the target; a write the target takes reaches the source, and
 * nothing the forward task applied goes back; finalize stops the reverse task, drops its slot and says so.
 */
@Timeout(180)
class DmsFallbackWindowIT extends StandInServers {
    private static final String EXECUTION = "rehearsal-1";
    private static final String SLOT = ReverseReplicationRequest.objectName(RehearsalConfig.MIGRATION_ID);

    @Test
    void theSwitchStartsTheReverseTaskFromTheTargetsSlot_targetWritesReachTheSource_finalizeStopsItAndReports()
            throws Exception {
        DmsTaskSettings settings = DmsTaskSettings.defaults();
        try (RehearsalDms dms = dms(settings, Duration.ZERO)) {
            // GIVEN a drained cutover over DMS with a reverse task provisioned, and a source write the forward task
            // applied before the switch
            LocalEnvironment env = environment(dms, settings);
            try (DatabaseSide side = env.ports.databases().open(config(env))) {
                assertThat(side.preflight().refusals()).isEmpty();
            }
            servers.execute(Side.SOURCE, "INSERT INTO public.customers (name) VALUES ('before-switch')");
            assertThat(dms.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
            assertThat(count(Side.TARGET, "name = 'before-switch'")).isEqualTo(1);

            // WHEN the workflow's switch step starts the reverse replication
            ObjectNode started = new WorkflowTaskHandler(env.ports, RehearsalConfig.MIGRATION_ID)
                    .handle(taskInput("startReverseReplication"));

            // THEN the forward task was stopped and waited out, the slot created on the target, and the reverse task
            // started from the slot's start
            assertThat(started.path("started").asBoolean()).as("%s", started).isTrue();
            assertThat(started.path("forwardTasks").path(dms.taskArn()).asText()).isEqualTo(DmsStandIn.STOPPED);
            assertThat(dms.task().status()).isEqualTo(DmsStandIn.STOPPED);
            assertThat(started.path("slot").asText()).isEqualTo(SLOT);
            assertThat(started.path("cdcStartPosition").asText()).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(started.path("reverseTaskStatus").asText()).isIn("starting", "running");
            assertThat(slots(Side.TARGET)).isEqualTo(1);

            // AND a write the target takes after the switch reaches the source, while the forward-applied row does
            // not come back a second time
            servers.execute(Side.TARGET, "INSERT INTO public.customers (id, name) VALUES (900000001, 'after-switch')");
            assertThat(dms.awaitReverseCaughtUp(Duration.ofSeconds(20))).isTrue();
            assertThat(count(Side.SOURCE, "name = 'after-switch'")).isEqualTo(1);
            assertThat(count(Side.SOURCE, "name = 'before-switch'")).isEqualTo(1);
            assertThat(dms.report().path("reverseTask").path("errors")).isEmpty();

            // WHEN the window is finalized
            CutoverStore store = new CutoverStore(env.ports.store(), RehearsalConfig.MIGRATION_ID);
            store.saveState(fallbackOpen());
            JsonNode finalized = new CutoverApiHandler(env.ports, RehearsalConfig.MIGRATION_ID)
                    .handle("{\"action\": \"finalize\"}");

            // THEN the reverse task was stopped, its slot dropped, and the cleanup says both; the cutover COMPLETED
            assertThat(finalized.path("outcome").asText()).as("%s", finalized).isEqualTo("applied");
            assertThat(finalized.path("phase").asText()).isEqualTo("COMPLETED");
            JsonNode cleanup = finalized.path("cleanup");
            assertThat(cleanup.path("reverseTask").path(dms.reverseTaskArn()).asText()).isEqualTo(DmsStandIn.STOPPED);
            assertThat(cleanup.path("forwardTasks").path(dms.taskArn()).asText()).isEqualTo(DmsStandIn.STOPPED);
            assertThat(cleanup.path("closed").asBoolean()).isTrue();
            assertThat(cleanup.path("reverse").toString()).contains(SLOT);
            assertThat(slots(Side.TARGET)).isZero();
            assertThat(dms.report().path("reverseTask").path("status").asText()).isEqualTo(DmsStandIn.STOPPED);

            // AND a second finalize has nothing left to do
            JsonNode again = new CutoverApiHandler(env.ports, RehearsalConfig.MIGRATION_ID)
                    .handle("{\"action\": \"finalize\"}");
            assertThat(again.path("outcome").asText()).as("%s", again).isEqualTo("no_op");
        }
    }

    @Test
    void aTargetWriteTheReverseTaskLoggedAsNotApplied_isNamedAfterTheReverseDrain_andTheCopyBringsItToTheSource()
            throws Exception {
        DmsTaskSettings settings = DmsTaskSettings.defaults();
        try (RehearsalDms dms = dms(settings, Duration.ZERO)) {
            // GIVEN the switch started the reverse task, after the forward fence
            LocalEnvironment env = environment(dms, settings);
            try (DatabaseSide side = env.ports.databases().open(config(env))) {
                assertThat(side.preflight().refusals()).isEmpty();
            }
            String forwardFence = Instant.now().toString();
            Thread.sleep(20);
            ObjectNode started = new WorkflowTaskHandler(env.ports, RehearsalConfig.MIGRATION_ID)
                    .handle(taskInput("startReverseReplication"));
            assertThat(started.path("started").asBoolean()).as("%s", started).isTrue();
            // AND the source refused the reverse task's change of a row the target took (DMS logs it, goes on)
            dms.reverseTask().refuseNextChange("public", "customers", "injected: refused by the source");
            servers.execute(Side.TARGET, "INSERT INTO public.customers (id, name) VALUES (900000002, 'refused')");
            servers.execute(Side.TARGET, "UPDATE public.customers SET name = 'renamed' WHERE name = 'refused'");

            try (DatabaseSide side = env.ports.databases().open(config(env))) {
                // WHEN a rollback fences the target and drains the reverse stream
                DatabaseSide.FenceRecord targetFence = side.fenceTarget(null);
                side.drainReverse(targetFence, Duration.ofSeconds(20));

                // THEN the row is not on the source (its insert was refused, its update found nothing), and the
                // table is named as not applied since the forward fence
                assertThat(count(Side.SOURCE, "id = 900000002")).isZero();
                assertThat(side.reverseNotAppliedTables(forwardFence)).containsExactly("public.customers");

                // WHEN the table is copied from the target
                JsonNode copied = side.copyTablesOntoSource(List.of("public.customers"), Duration.ofSeconds(30));

                // THEN the source has the row as the target has it, and the table is equal on both sides
                assertThat(copied.path("tables")).singleElement().satisfies(t -> {
                    assertThat(t.path("table").asText()).isEqualTo("public.customers");
                    assertThat(t.path("inserted").asLong()).as("%s", t).isEqualTo(1);
                    assertThat(t.path("updated").asLong()).as("%s", t).isZero();
                    assertThat(t.path("deleted").asLong()).as("%s", t).isZero();
                });
                assertThat(count(Side.SOURCE, "id = 900000002 AND name = 'renamed'")).isEqualTo(1);
                assertThat(count(Side.SOURCE, "true")).isEqualTo(count(Side.TARGET, "true"));
                side.unfenceTarget(targetFence);
            }
        }
    }

    private static LocalEnvironment environment(RehearsalDms dms, DmsTaskSettings settings) {
        String configJson = Json.writePretty(RehearsalConfig.build(servers, 150, dms.taskArn(), dms.reverseTaskArn()));
        CutoverConfig config = CutoverConfigParser.parse(configJson);
        Clock clock = Clock.systemUTC();
        EffectLog effects = new EffectLog(clock);
        Instant now = Instant.now();
        LocalState state = new LocalState(null, Map.of(), Map.of("state", new CutoverState(
                RehearsalConfig.MIGRATION_ID, Phase.DRAINED, 100, EXECUTION, now, List.of())),
                new LockHolder(EXECUTION, now), Map.of(), Map.of(), null);
        return new LocalEnvironment(config, configJson, state, clock, effects,
                new RecordingDatabaseSides(PostgresDatabaseSides.inline(settings), effects), start -> { },
                dms.probe(), dms.probe());
    }

    private static CutoverConfig config(LocalEnvironment env) {
        return new CutoverStore(env.ports.store(), RehearsalConfig.MIGRATION_ID).config();
    }

    private static CutoverState fallbackOpen() {
        Instant now = Instant.now();
        return new CutoverState(RehearsalConfig.MIGRATION_ID, Phase.FALLBACK_OPEN, 100, EXECUTION, now,
                List.of(new PhaseChange(Phase.SWITCHED, Phase.FALLBACK_OPEN, 100, now, "watch passed")));
    }

    private static String taskInput(String task) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.put("task", task);
        input.put("migrationId", RehearsalConfig.MIGRATION_ID);
        input.put("executionName", EXECUTION);
        return input.toString();
    }

    private static long count(Side side, String where) throws SQLException {
        return query(side, "SELECT count(*) FROM public.customers WHERE " + where);
    }

    private static long slots(Side side) throws SQLException {
        return query(side, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'");
    }

    private static long query(Side side, String sql) throws SQLException {
        try (Connection c = servers.openAdmin(side); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
