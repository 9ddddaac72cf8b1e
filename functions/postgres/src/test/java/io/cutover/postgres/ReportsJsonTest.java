package io.cutover.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.core.config.FenceMode;
import io.cutover.core.port.db.CleanupOutcome;
import io.cutover.core.port.db.CleanupReport;
import io.cutover.core.port.db.CleanupStep;
import io.cutover.core.port.db.DrainProgress;
import io.cutover.core.port.db.DrainReport;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.NativeReplicationStatus;
import io.cutover.core.port.db.ReplicationRoleSetting;
import io.cutover.core.port.db.ReplicationSlotStatus;
import io.cutover.core.port.db.RoleDatabaseSetting;
import io.cutover.core.port.db.RoleFenceOutcome;
import io.cutover.core.port.db.RolePreviousSettings;
import io.cutover.core.port.db.FedColumn;
import io.cutover.core.port.db.SequenceAction;
import io.cutover.core.port.db.SequenceSyncReport;
import io.cutover.core.port.db.SequenceSyncResult;
import io.cutover.core.port.db.SessionReplicationRoleReport;
import io.cutover.core.port.db.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports live in the workflow's state and Parameter Store as JSON: a plain ObjectMapper must round-trip them. */
class ReportsJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        return json.readValue(json.writeValueAsString(value), type);
    }

    @Test
    void fenceReport_roundTrips_keepingNoSettingApartFromExplicitOff() throws Exception {
        FenceReport report = new FenceReport(FenceMode.READ_ONLY, false,
                List.of(new RolePreviousSettings("app", true, List.of(new RoleDatabaseSetting(null, "off"),
                                new RoleDatabaseSetting("orders", "on")), false),
                        new RolePreviousSettings("batch", false, List.of(), true)),
                List.of(new RoleFenceOutcome("app", true, 2, false, null),
                        new RoleFenceOutcome("batch", false, 0, false, "lock timeout")),
                null, null, 812, "fence incomplete: …", List.of("batch already looked fenced"));

        FenceReport back = roundTrip(report, FenceReport.class);

        assertThat(back).isEqualTo(report);
        assertThat(json.writeValueAsString(report)).doesNotContain("rolesWithSettingsApplied");
    }

    @Test
    void otherReports_roundTrip() throws Exception {
        NativeReplicationStatus status = new NativeReplicationStatus("2026-03-01T10:00:00Z",
                List.of(new ReplicationSlotStatus("s", "pgoutput", false, "0/1", "0/2", 1L, "2026-03-01T09:59:00Z",
                        60_000L, "reserved")),
                List.of(new SubscriptionStatus("sub", "s", true, false, null, null, null)), List.of("x"), List.of());
        DrainReport drain = new DrainReport("native", false, "0/2", 1000, 20,
                List.of(new DrainProgress("s", false, "0/1", 1L, null)), "s is behind by 1 bytes");
        SequenceSyncReport sequences = new SequenceSyncReport(List.of("public"), 1000, false,
                List.of(new SequenceSyncResult("public.s", "public.s", "public.t.id", true, 5L, 1005L, null, 1005L,
                        SequenceAction.ADVANCED, null)), List.of(), List.of(), 1, 40, 1, 0, List.of("public.s"),
                List.of(new FedColumn("public", "s", "public", "t", "id")), 1, "ab12", false);
        SessionReplicationRoleReport srr = new SessionReplicationRoleReport("app", "origin", "default",
                List.of(new ReplicationRoleSetting("DATABASE", null, "app", "replica", true)), true, true,
                List.of("ALTER DATABASE \"app\" RESET session_replication_role"), null);
        CleanupReport cleanup = new CleanupReport(true,
                List.of(new CleanupStep("target", "subscription", "sub", CleanupOutcome.DROPPED, null)), 10);

        assertThat(roundTrip(status, NativeReplicationStatus.class)).isEqualTo(status);
        assertThat(roundTrip(drain, DrainReport.class)).isEqualTo(drain);
        assertThat(roundTrip(sequences, SequenceSyncReport.class)).isEqualTo(sequences);
        assertThat(roundTrip(srr, SessionReplicationRoleReport.class)).isEqualTo(srr);
        assertThat(roundTrip(cleanup, CleanupReport.class)).isEqualTo(cleanup);
    }
}
