package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.json.Json;
import io.cutover.handlers.app.DatabaseSide;
import io.cutover.handlers.app.DatabaseSide.FenceRecord;
import io.cutover.handlers.app.DmsTaskSettingsSource;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.handlers.errors.DmsApplyExceptionsAfterFenceException;
import io.cutover.handlers.errors.DrainTimeoutException;
import io.cutover.postgres.PgDmsMarkerDrain;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The production {@code PostgresDatabaseSide.drain} with {@code kind: dms} over the DMS stand-in: the marker
 * committed after the fence, seen on the target, proves the changes committed before it applied (transactional
 * apply); batch apply is refused at preflight; an apply exception logged after the fence fails the drain.
 */
@Timeout(180)
class DmsDrainIT extends StandInServers {
    private static final String SCHEMA = DmsTaskSettings.DEFAULT_CONTROL_SCHEMA;
    private static final String MARKER = SCHEMA + "." + PgDmsMarkerDrain.TABLE;
    @Test
    void drain_succeeds_whenTheMarkerCommittedAfterTheFenceIsOnTheTarget_withEveryEarlierCommitApplied()
            throws Exception {
        DmsTaskSettings settings = DmsTaskSettings.defaults();
        try (RehearsalDms dms = dms(settings, Duration.ofMillis(300)); DatabaseSide side = side(dms, settings)) {
            assertThat(side.preflight().refusals()).isEmpty();
            long before = count(Side.SOURCE, "public.customers");
            servers.execute(Side.SOURCE, "INSERT INTO public.customers (name) SELECT 'drain-' || g"
                    + " FROM generate_series(1, 50) g");
            FenceRecord fence = fenceAt(Instant.now());

            long millis = side.drain(fence, Duration.ofSeconds(20));

            // The 50 rows were committed before the marker: transactional apply put them on the target first.
            assertThat(count(Side.TARGET, "public.customers")).isEqualTo(before + 50);
            assertThat(count(Side.TARGET, MARKER + " WHERE migration_id = '" + RehearsalConfig.MIGRATION_ID + "'"))
                    .isEqualTo(1);
            // The apply delay is 300 ms: a drain that did not wait for the marker would be faster.
            assertThat(millis).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void drain_timesOut_whenTheTaskDoesNotApplyTheMarkerInTime() {
        DmsTaskSettings settings = DmsTaskSettings.defaults();
        try (RehearsalDms dms = dms(settings, Duration.ofSeconds(5)); DatabaseSide side = side(dms, settings)) {
            assertThat(side.preflight().refusals()).isEmpty();

            assertThatThrownBy(() -> side.drain(fenceAt(Instant.now()), Duration.ofMillis(500)))
                    .isInstanceOf(DrainTimeoutException.class)
                    .hasMessageContaining("is not on the target after");
        }
    }

    @Test
    void preflight_refusesBatchApply_namingTheSetting_andCreatesNoMarkerTable() throws Exception {
        DmsTaskSettings batch = new DmsTaskSettings(true, SCHEMA, true, 1000, 1, "DO_NOTHING");
        try (RehearsalDms dms = dms(batch, Duration.ZERO); DatabaseSide side = side(dms, batch)) {
            List<String> refusals = side.preflight().refusals();

            assertThat(refusals).singleElement().asString().contains(DmsTaskSettings.BATCH_APPLY_SETTING + " true",
                    "lapses in transactional integrity");
            assertThat(tableExists(Side.SOURCE)).isFalse();
            assertThatThrownBy(() -> side.drain(fenceAt(Instant.now()), Duration.ofSeconds(5)))
                    .isInstanceOf(DrainTimeoutException.class)
                    .hasMessageContaining(DmsTaskSettings.BATCH_APPLY_SETTING);
            assertThat(tableExists(Side.SOURCE)).isFalse();
        }
    }

    @Test
    void drain_fails_namingTheApplyExceptionLoggedAfterTheFence() throws Exception {
        DmsTaskSettings settings = DmsTaskSettings.defaults();
        try (RehearsalDms dms = dms(settings, Duration.ZERO); DatabaseSide side = side(dms, settings)) {
            assertThat(side.preflight().refusals()).isEmpty();
            FenceRecord fence = fenceAt(Instant.now());
            assertThat(side.drain(fence, Duration.ofSeconds(20))).isGreaterThanOrEqualTo(0);

            dms.task().applyException("public", "orders", "UPDATE orders SET total = 1 WHERE id = 7",
                    "duplicate key value violates unique constraint \"orders_pkey\"");

            assertThatThrownBy(() -> side.drain(fence, Duration.ofSeconds(20)))
                    .isInstanceOf(DmsApplyExceptionsAfterFenceException.class)
                    .hasMessageContaining("1 change(s)")
                    .hasMessageContaining("public.orders")
                    .hasMessageContaining("orders_pkey");
        }
    }

    @Test
    void drain_fails_onAnApplyExceptionLoggedBetweenTheWriterGateAndTheFence_asTheGateSawNone() throws Exception {
        DmsTaskSettings settings = DmsTaskSettings.defaults();
        try (RehearsalDms dms = dms(settings, Duration.ZERO); DatabaseSide side = side(dms, settings)) {
            // GIVEN the writer gate passed (no row), then DMS logged a change it could not apply, then the fence
            assertThat(side.preflight().refusals()).isEmpty();
            dms.task().applyException("public", "customers", "INSERT INTO customers VALUES (1)",
                    "logged after the writer gate, before the fence");
            Thread.sleep(20);
            FenceRecord fence = fenceAt(Instant.now());

            // WHEN the drain runs, THEN it fails naming the row: that change is as lost as one after the fence
            assertThatThrownBy(() -> side.drain(fence, Duration.ofSeconds(20)))
                    .isInstanceOf(DmsApplyExceptionsAfterFenceException.class)
                    .hasMessageContaining("public.customers")
                    .hasMessageContaining("logged after the writer gate, before the fence");
        }
    }

    private static FenceRecord fenceAt(Instant at) {
        return new FenceRecord(List.of(), true, null, null, at.toString(), Json.MAPPER.createArrayNode());
    }

    /** The database side as the handlers open it: the task's settings read from the stand-in's DMS API. */
    private static DatabaseSide side(RehearsalDms dms, DmsTaskSettings runs) {
        assertThat(dms.probe().taskSettings(List.of(dms.taskArn()))).containsEntry(dms.taskArn(), runs);
        return PostgresDatabaseSides.inline(DmsTaskSettingsSource.readFrom(dms.probe(), Clock.systemUTC()))
                .open(config(dms));
    }

    private static long count(Side side, String from) throws SQLException {
        try (Connection c = servers.openAdmin(side); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean tableExists(Side side) throws SQLException {
        try (Connection c = servers.openAdmin(side); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + MARKER + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
