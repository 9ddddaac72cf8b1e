package io.cutover.postgres;

import io.cutover.core.config.FenceMode;
import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.FenceRefusedException;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.FenceRequest;
import io.cutover.core.port.db.RoleDatabaseSetting;
import io.cutover.core.port.db.RoleFenceOutcome;
import io.cutover.core.port.db.RolePreviousSettings;
import io.cutover.core.port.db.UnfenceReport;
import io.cutover.postgres.testing.Await;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(120)
class SourceFenceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";
    private static final String ADMIN_SHUTDOWN = "57P01";
    private static final String INVALID_AUTHORIZATION = "28000";

    private static ReplicatedPair pair;
    private static PgSourceFence fence;
    private static String table;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        fence = pair.adapters().sourceFence();
        table = pair.createLoadTable("fence_writes");
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    /** The role's rows of pg_db_role_setting, as "database|setconfig" strings, for exact before/after comparison. */
    private static List<String> storedSettings(String role) {
        return pair.sourceStrings("""
                SELECT coalesce(d.datname, '*') || '|' || s.setconfig::text
                  FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
                  LEFT JOIN pg_database d ON d.oid = s.setdatabase
                 WHERE r.rolname = '%s' ORDER BY 1""".formatted(role));
    }

    private static boolean canLogin(String role) {
        return pair.querySource("SELECT rolcanlogin::int FROM pg_roles WHERE rolname = '" + role + "'") == 1;
    }

    private static void insertAs(String role) throws SQLException {
        try (Connection c = pair.sourceConnection(role); Statement st = c.createStatement()) {
            st.execute("INSERT INTO " + table + " (payload) VALUES ('" + role + "')");
        }
    }

    private static String sqlStateOfInsertAs(String role) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> insertAs(role));
        return e == null ? null : e.getSQLState();
    }

    private static String sqlStateOfQuery(Connection c) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            }
        });
        return e == null ? null : e.getSQLState();
    }

    @Test
    void fence_readOnly_blocksEveryFencedRole_endsTheirSessions_andLeavesOthersAndReplicationWorking() throws Exception {
        // GIVEN two application roles with open sessions, an unfenced role, and running replication
        String app = ReplicatedPair.unique("fence_app");
        String batch = ReplicatedPair.unique("fence_batch");
        String reporting = ReplicatedPair.unique("fence_reporting");
        List.of(app, batch, reporting).forEach(pair::createAppRole);
        try (Connection appSession = pair.sourceConnection(app);
             Connection batchSession = pair.sourceConnection(batch)) {
            assertThat(sqlStateOfQuery(appSession)).isNull();

            // WHEN both application roles are fenced
            FenceReport report = fence.fence(FenceRequest.of(List.of(app, batch), FenceMode.READ_ONLY, List.of()),
                    List.of(), TIMEOUT);

            // THEN the fence is complete, and says so per role
            assertThat(report.complete()).as(report.error()).isTrue();
            assertThat(report.error()).isNull();
            assertThat(report.fenceLsn()).matches("[0-9A-F]+/[0-9A-F]+");
            assertThat(report.fencedAt()).isNotNull();
            assertThat(report.outcomes()).extracting(RoleFenceOutcome::role).containsExactly(app, batch);
            assertThat(report.outcomes()).allSatisfy(o -> {
                assertThat(o.settingsApplied()).isTrue();
                assertThat(o.verified()).isTrue();
                assertThat(o.sessionsTerminated()).isEqualTo(1);
            });
            // the sessions open before the fence are gone
            assertThat(sqlStateOfQuery(appSession)).isEqualTo(ADMIN_SHUTDOWN);
            assertThat(sqlStateOfQuery(batchSession)).isEqualTo(ADMIN_SHUTDOWN);
            // new sessions of fenced roles can read but not write
            assertThat(sqlStateOfInsertAs(app)).isEqualTo(READ_ONLY_SQL_TRANSACTION);
            assertThat(sqlStateOfInsertAs(batch)).isEqualTo(READ_ONLY_SQL_TRANSACTION);
            // an unfenced role still writes, and replication still carries its write to the target
            insertAs(reporting);
            Await.until(Duration.ofSeconds(30), "the unfenced role's row on the target", () -> pair.queryTarget(
                    "SELECT count(*) FROM " + table + " WHERE payload = '" + reporting + "'") == 1);
            assertThat(pair.querySource(
                    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + report.fenceLsn() + "')::bigint")).isPositive();

            // AND unfencing lets them write again
            UnfenceReport unfenced = fence.unfence(report.previousSettings(), TIMEOUT);
            assertThat(unfenced.complete()).as(unfenced.error()).isTrue();
            assertThat(sqlStateOfInsertAs(app)).isNull();
            assertThat(sqlStateOfInsertAs(batch)).isNull();
        }
    }

    @Test
    void unfence_endsTheSessionsOpenedWhileFenced_soALongLivedConnectionIsNotLeftReadOnly() throws Exception {
        // GIVEN a fenced role and a long-lived (pooled) session it opened while fenced: read-only for its whole life
        String role = ReplicatedPair.unique("fence_pooled");
        pair.createAppRole(role);
        FenceReport report = fence.fence(FenceRequest.of(List.of(role), FenceMode.READ_ONLY, List.of()), List.of(),
                TIMEOUT);
        assertThat(report.complete()).as(report.error()).isTrue();
        try (Connection pooled = pair.sourceConnection(role)) {
            assertThat(sqlStateOfInsert(pooled)).isEqualTo(READ_ONLY_SQL_TRANSACTION);

            // WHEN the role is unfenced
            UnfenceReport unfenced = fence.unfence(report.previousSettings(), TIMEOUT);

            // THEN that session was ended (a pool replaces it) instead of staying read-only, and says so
            assertThat(unfenced.complete()).as(unfenced.error()).isTrue();
            assertThat(unfenced.outcomes().getFirst().sessionsTerminated()).isEqualTo(1);
            assertThat(sqlStateOfInsert(pooled)).isEqualTo(ADMIN_SHUTDOWN);
            // AND a session opened after the unfence writes; a repeated unfence (a retried rollback) cannot tell
            // when the first restore committed, so it ends that session too: a reconnect instead of lost writes
            try (Connection fresh = pair.sourceConnection(role)) {
                assertThat(sqlStateOfInsert(fresh)).isNull();
                UnfenceReport again = fence.unfence(report.previousSettings(), TIMEOUT);
                assertThat(again.outcomes().getFirst().statements()).isEmpty();
                assertThat(again.outcomes().getFirst().sessionsTerminated()).isEqualTo(1);
            }
        }
    }

    @Test
    void endSessions_afterTheWriterMoved_endsOnlyTheSessionsOfRolesStillFenced() throws Exception {
        // GIVEN a fenced role and an unfenced one (a rollback unfenced it), each with a long-lived session
        String fenced = ReplicatedPair.unique("fence_stale");
        String unfenced = ReplicatedPair.unique("fence_back");
        pair.createAppRole(fenced);
        pair.createAppRole(unfenced);
        FenceReport first = fence.fence(FenceRequest.of(List.of(fenced), FenceMode.READ_ONLY, List.of()), List.of(),
                TIMEOUT);
        assertThat(first.complete()).as(first.error()).isTrue();
        try (Connection stale = pair.sourceConnection(fenced); Connection writable = pair.sourceConnection(unfenced)) {
            assertThat(sqlStateOfInsert(stale)).isEqualTo(READ_ONLY_SQL_TRANSACTION);

            // WHEN the sessions of both roles are to be ended after the switch
            int ended = fence.endSessions(FenceMode.READ_ONLY, List.of(fenced, unfenced), TIMEOUT);

            // THEN only the fenced role's session is gone (its pool reconnects through the moved record); the
            // writable one is untouched, and a repeat ends nothing more
            assertThat(ended).isEqualTo(1);
            assertThat(sqlStateOfInsert(stale)).isEqualTo(ADMIN_SHUTDOWN);
            assertThat(sqlStateOfInsert(writable)).isNull();
            assertThat(fence.endSessions(FenceMode.READ_ONLY, List.of(fenced, unfenced), TIMEOUT)).isZero();
        } finally {
            fence.unfence(first.previousSettings(), TIMEOUT);
        }
    }

    private static String sqlStateOfInsert(Connection c) {
        SQLException e = catchThrowableOfType(SQLException.class, () -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + table + " (payload) VALUES ('pooled')");
            }
        });
        return e == null ? null : e.getSQLState();
    }

    @Test
    void unfence_restoresExactPreviousSettings_includingNoSettingExplicitOffAndPerDatabaseEntries() {
        // GIVEN one role with an explicit role-wide off and a per-database off, and one with no setting at all
        String explicit = ReplicatedPair.unique("fence_explicit");
        String none = ReplicatedPair.unique("fence_none");
        pair.createAppRole(explicit);
        pair.createAppRole(none);
        pair.executeOnSource(
                "ALTER ROLE " + explicit + " SET default_transaction_read_only = off",
                "ALTER ROLE " + explicit + " IN DATABASE " + ReplicatedPair.DATABASE
                        + " SET default_transaction_read_only = off",
                "ALTER ROLE " + explicit + " IN DATABASE " + ReplicatedPair.DATABASE + " SET work_mem = '8MB'");
        List<String> explicitBefore = storedSettings(explicit);
        List<String> noneBefore = storedSettings(none);
        assertThat(explicitBefore).hasSize(2);
        assertThat(noneBefore).isEmpty();

        // WHEN fenced read-only
        FenceReport report = fence.fence(FenceRequest.of(List.of(explicit, none), FenceMode.READ_ONLY, List.of()),
                List.of(), TIMEOUT);

        // THEN the per-database off was overridden too (it would win over the role-wide on), and writes fail
        assertThat(report.complete()).as(report.error()).isTrue();
        assertThat(explicitBefore).containsExactly(
                "*|{default_transaction_read_only=off}",
                ReplicatedPair.DATABASE + "|{default_transaction_read_only=off,work_mem=8MB}");
        assertThat(storedSettings(explicit)).containsExactly(
                "*|{default_transaction_read_only=on}",
                ReplicatedPair.DATABASE + "|{default_transaction_read_only=on,work_mem=8MB}");
        assertThat(sqlStateOfInsertAs(explicit)).isEqualTo(READ_ONLY_SQL_TRANSACTION);
        assertThat(report.previousSettings()).satisfiesExactly(
                p -> {
                    assertThat(p.role()).isEqualTo(explicit);
                    assertThat(p.readOnlySettings()).containsExactlyInAnyOrder(
                            new RoleDatabaseSetting(null, "off"),
                            new RoleDatabaseSetting(ReplicatedPair.DATABASE, "off"));
                    assertThat(p.alreadyFencedWhenRecorded()).isFalse();
                },
                p -> {
                    assertThat(p.role()).isEqualTo(none);
                    assertThat(p.readOnlySettings()).isEmpty();
                });

        // AND unfencing restores exactly what was stored: explicit off stays off, no setting becomes no setting
        UnfenceReport unfenced = fence.unfence(report.previousSettings(), TIMEOUT);
        assertThat(unfenced.complete()).as(unfenced.error()).isTrue();
        assertThat(storedSettings(explicit)).isEqualTo(explicitBefore);
        assertThat(storedSettings(none)).isEqualTo(noneBefore);
        assertThat(canLogin(explicit)).isTrue();
    }

    @Test
    void currentSettings_changesNothing_refusesAsFenceWould_andIsTheRecordAFenceThatDiedCanBeUndoneWith() {
        // GIVEN a role with an explicit per-database off, and one with no setting
        String explicit = ReplicatedPair.unique("fence_before_explicit");
        String none = ReplicatedPair.unique("fence_before_none");
        pair.createAppRole(explicit);
        pair.createAppRole(none);
        pair.executeOnSource("ALTER ROLE " + explicit + " IN DATABASE " + ReplicatedPair.DATABASE
                + " SET default_transaction_read_only = off");
        List<String> explicitBefore = storedSettings(explicit);
        FenceRequest request = FenceRequest.of(List.of(explicit, none), FenceMode.READ_ONLY, List.of());

        // WHEN the settings are read before fencing
        List<RolePreviousSettings> recorded = fence.currentSettings(request, TIMEOUT);

        // THEN nothing changed, and the record is the one the fence itself would have made
        assertThat(storedSettings(explicit)).isEqualTo(explicitBefore);
        assertThat(storedSettings(none)).isEmpty();
        assertThat(sqlStateOfInsertAs(explicit)).isNull();
        FenceReport fenced = fence.fence(request, recorded, TIMEOUT);
        assertThat(fenced.complete()).as(fenced.error()).isTrue();
        assertThat(fenced.previousSettings()).isEqualTo(recorded);
        // AND that record alone (the fence's own report lost) undoes the fence exactly
        assertThat(fence.unfence(recorded, TIMEOUT).complete()).isTrue();
        assertThat(storedSettings(explicit)).isEqualTo(explicitBefore);
        assertThat(storedSettings(none)).isEmpty();
        assertThat(sqlStateOfInsertAs(none)).isNull();
        // AND a role that must not be fenced is refused at this point already
        assertThatThrownBy(() -> fence.currentSettings(FenceRequest.of(List.of("no_such_role_anywhere"),
                FenceMode.READ_ONLY, List.of()), TIMEOUT)).isInstanceOf(FenceRefusedException.class)
                .hasMessageContaining("no_such_role_anywhere");
    }

    @Test
    void fence_twice_isHarmless_andKeepsTheFirstRecordOfPreviousSettings() {
        // GIVEN a fenced role whose previous state was "no setting"
        String role = ReplicatedPair.unique("fence_twice");
        pair.createAppRole(role);
        FenceRequest request = FenceRequest.of(List.of(role), FenceMode.READ_ONLY, List.of());
        FenceReport first = fence.fence(request, List.of(), TIMEOUT);
        assertThat(first.complete()).isTrue();

        // WHEN fenced again with the first record
        FenceReport second = fence.fence(request, first.previousSettings(), TIMEOUT);

        // THEN it succeeds and keeps the first record, not the fenced state
        assertThat(second.complete()).as(second.error()).isTrue();
        assertThat(second.previousSettings()).isEqualTo(first.previousSettings());
        assertThat(second.previousSettings().getFirst().readOnlySettings()).isEmpty();
        assertThat(sqlStateOfInsertAs(role)).isEqualTo(READ_ONLY_SQL_TRANSACTION);

        // AND without the record, it warns that the role already looked fenced instead of pretending otherwise
        FenceReport blind = fence.fence(request, List.of(), TIMEOUT);
        assertThat(blind.complete()).isTrue();
        assertThat(blind.previousSettings().getFirst().alreadyFencedWhenRecorded()).isTrue();
        assertThat(blind.warnings()).singleElement().asString().contains(role, "already looked fenced");

        // AND unfencing with the first record restores "no setting"
        assertThat(fence.unfence(first.previousSettings(), TIMEOUT).complete()).isTrue();
        assertThat(storedSettings(role)).isEmpty();
        assertThat(sqlStateOfInsertAs(role)).isNull();
        // unfencing twice is harmless too
        UnfenceReport again = fence.unfence(first.previousSettings(), TIMEOUT);
        assertThat(again.complete()).isTrue();
        assertThat(again.outcomes().getFirst().statements()).isEmpty();
    }

    @Test
    void fence_noLogin_refusesNewSessions_andUnfenceRestoresLogin() throws Exception {
        // GIVEN an application role with an open session
        String role = ReplicatedPair.unique("fence_nologin");
        pair.createAppRole(role);
        try (Connection session = pair.sourceConnection(role)) {
            // WHEN fenced with NOLOGIN
            FenceReport report = fence.fence(FenceRequest.of(List.of(role), FenceMode.NOLOGIN, List.of()), List.of(),
                    TIMEOUT);

            // THEN its session is gone and it cannot log in
            assertThat(report.complete()).as(report.error()).isTrue();
            assertThat(sqlStateOfQuery(session)).isEqualTo(ADMIN_SHUTDOWN);
            assertThat(canLogin(role)).isFalse();
            assertThat(sqlStateOfInsertAs(role)).isEqualTo(INVALID_AUTHORIZATION);
            assertThat(storedSettings(role)).isEmpty();

            // AND unfencing gives the login back
            UnfenceReport unfenced = fence.unfence(report.previousSettings(), TIMEOUT);
            assertThat(unfenced.complete()).isTrue();
            assertThat(unfenced.outcomes().getFirst().statements()).containsExactly("ALTER ROLE \"" + role + "\" LOGIN");
            assertThat(sqlStateOfInsertAs(role)).isNull();
        }
    }

    @Test
    void fence_refusesReplicationProtectedUnknownAndOwnRoles_beforeChangingAnything() {
        // GIVEN an application role next to roles that must not be fenced
        String app = ReplicatedPair.unique("fence_refused_app");
        String dmsUser = ReplicatedPair.unique("fence_dms_user");
        pair.createAppRole(app);
        pair.createAppRole(dmsUser);

        // WHEN the request names the replication role / a protected role / an unknown role / the fencing login
        FenceRefusedException replication = catchThrowableOfType(FenceRefusedException.class, () -> fence.fence(
                FenceRequest.of(List.of(app, ReplicatedPair.REPLICATION_ROLE), FenceMode.READ_ONLY, List.of()),
                List.of(), TIMEOUT));
        FenceRefusedException protectedRole = catchThrowableOfType(FenceRefusedException.class, () -> fence.fence(
                FenceRequest.of(List.of(app, dmsUser), FenceMode.READ_ONLY, List.of(dmsUser)), List.of(), TIMEOUT));
        FenceRefusedException unknown = catchThrowableOfType(FenceRefusedException.class, () -> fence.fence(
                FenceRequest.of(List.of(app, "no_such_role"), FenceMode.NOLOGIN, List.of()), List.of(), TIMEOUT));
        FenceRefusedException self = catchThrowableOfType(FenceRefusedException.class, () -> fence.fence(
                FenceRequest.of(List.of(app, "postgres"), FenceMode.NOLOGIN, List.of()), List.of(), TIMEOUT));

        // THEN each is refused, naming the role, and nothing was changed
        assertThat(replication.roles()).containsExactly(ReplicatedPair.REPLICATION_ROLE);
        assertThat(replication).hasMessageContaining("REPLICATION");
        assertThat(protectedRole.roles()).containsExactly(dmsUser);
        assertThat(unknown.roles()).containsExactly("no_such_role");
        assertThat(self.roles()).containsExactly("postgres");
        assertThat(storedSettings(app)).isEmpty();
        assertThat(canLogin(app)).isTrue();
        assertThat(sqlStateOfInsertAs(app)).isNull();
    }

    @Test
    void fence_refusesWhilePreparedTransactionsExist_beforeChangingAnything() {
        // GIVEN an application role and a transaction prepared on the source (COMMIT PREPARED works in read-only mode)
        String app = ReplicatedPair.unique("fence_prepared_app");
        pair.createAppRole(app);
        String gid = ReplicatedPair.unique("cutover_test_gid");
        pair.executeOnSource("BEGIN; INSERT INTO " + table + " (payload) VALUES ('prepared'); PREPARE TRANSACTION '"
                + gid + "'");
        try {
            // WHEN the fence runs
            FenceRefusedException refused = catchThrowableOfType(FenceRefusedException.class, () -> fence.fence(
                    FenceRequest.of(List.of(app), FenceMode.READ_ONLY, List.of()), List.of(), TIMEOUT));

            // THEN it is refused naming the transaction, and nothing was changed
            assertThat(refused).hasMessageContaining(gid).hasMessageContaining("prepared transactions");
            assertThat(storedSettings(app)).isEmpty();
            assertThat(sqlStateOfInsertAs(app)).isNull();
        } finally {
            pair.executeOnSource("ROLLBACK PREPARED '" + gid + "'");
        }
    }

    @Test
    void fence_stopsAtALockItCannotGet_withinTheDeadline_andReportsWhatWasAndWasNotFenced() throws Exception {
        // GIVEN two roles, and another transaction holding the second role's settings row
        String first = ReplicatedPair.unique("fence_locked_first");
        String second = ReplicatedPair.unique("fence_locked_second");
        pair.createAppRole(first);
        pair.createAppRole(second);
        pair.executeOnSource("ALTER ROLE " + second + " SET work_mem = '4MB'");
        ConnectionSettings shortLocks = pair.sourceAdminSettings().withTimeouts(2_000, 10_000, 5_000, 300);
        PgSourceFence impatient = new PgSourceFence(JdbcConnections.inline(shortLocks));
        try (Connection blocker = pair.sourceConnection("postgres"); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("ALTER ROLE " + second + " SET work_mem = '5MB'");

            // WHEN the fence runs into it
            long started = System.nanoTime();
            FenceReport report = impatient.fence(
                    FenceRequest.of(List.of(first, second), FenceMode.READ_ONLY, List.of()), List.of(), TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            blocker.rollback();

            // THEN it gives up with a clear error, well within the deadline, naming what was and was not fenced
            assertThat(took).isLessThan(TIMEOUT);
            assertThat(report.complete()).isFalse();
            assertThat(report.fenceLsn()).isNull();
            assertThat(report.error()).contains("lock timeout", second, "55P03",
                    "Fence settings committed for [" + first + "]", "not fenced: [" + second + "]");
            assertThat(report.rolesWithSettingsApplied()).containsExactly(first);
            assertThat(report.rolesNotFenced()).containsExactly(second);
            assertThat(report.previousSettings()).hasSize(2);
            assertThat(sqlStateOfInsertAs(first)).isEqualTo(READ_ONLY_SQL_TRANSACTION);
            assertThat(sqlStateOfInsertAs(second)).isNull();

            // AND the record it returned is enough to roll the partial fence back
            assertThat(fence.unfence(report.previousSettings(), TIMEOUT).complete()).isTrue();
            assertThat(sqlStateOfInsertAs(first)).isNull();
        }
    }

    @Test
    void fence_givesUpWithinTheDeadline_whenTheSourceStopsAnsweringMidFence() throws Exception {
        // GIVEN two roles; a transaction holds the second role's settings row so the fence stops there,
        // and then the fence's own server process is frozen (SIGSTOP): the database stops answering mid-fence
        String first = ReplicatedPair.unique("fence_frozen_first");
        String second = ReplicatedPair.unique("fence_frozen_second");
        pair.createAppRole(first);
        pair.createAppRole(second);
        pair.executeOnSource("ALTER ROLE " + second + " SET work_mem = '4MB'");
        String applicationName = ReplicatedPair.unique("frozen_fence");
        ConnectionSettings patientLocks = pair.sourceAdminSettings().withTimeouts(2_000, 30_000, 60_000, 60_000)
                .withApplicationName(applicationName);
        PgSourceFence frozen = new PgSourceFence(JdbcConnections.inline(patientLocks));
        Duration deadline = Duration.ofSeconds(4);
        try (Connection blocker = pair.sourceConnection("postgres"); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("ALTER ROLE " + second + " SET work_mem = '5MB'");
            AtomicLong frozenPid = new AtomicLong();
            AtomicReference<AutoCloseable> thaw = new AtomicReference<>();
            Thread freezer = new Thread(() -> {
                long pid = Await.value(Duration.ofSeconds(10), "the fence to wait for the lock", () -> pair.querySource(
                        "SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE application_name = '"
                                + applicationName + "' AND wait_event_type = 'Lock'"), p -> p > 0);
                frozenPid.set(pid);
                thaw.set(ReplicatedPair.freeze(List.of(pid)));
            });
            freezer.start();

            // WHEN the fence runs
            long started = System.nanoTime();
            FenceReport report = frozen.fence(
                    FenceRequest.of(List.of(first, second), FenceMode.READ_ONLY, List.of()), List.of(), deadline);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            freezer.join();

            // let the frozen backend go without finishing its ALTER: terminate it while stopped, continue it,
            // and only then release the lock it waits for
            pair.executeOnSource("SELECT pg_terminate_backend(" + frozenPid.get() + ")");
            thaw.get().close();
            Await.until(Duration.ofSeconds(10), "the frozen backend to exit", () -> pair.querySource(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = " + frozenPid.get()) == 0);
            blocker.rollback();

            // THEN it returns shortly after its deadline (not after the 60 s lock timeout) with a clear error
            assertThat(took).isLessThan(deadline.plusSeconds(4));
            assertThat(report.complete()).isFalse();
            assertThat(report.error()).contains("no answer from the server", second,
                    "Fence settings committed for [" + first + "]", "not fenced: [" + second + "]");
            assertThat(report.rolesWithSettingsApplied()).containsExactly(first);
            assertThat(sqlStateOfInsertAs(second)).isNull();
            assertThat(fence.unfence(report.previousSettings(), TIMEOUT).complete()).isTrue();
        }
    }

    @Test
    void fence_failsFast_whenTheWholeSourceIsFrozen_andChangesNothing() throws Exception {
        // GIVEN a role, and a source that accepts TCP connections but never answers
        String role = ReplicatedPair.unique("fence_unreachable");
        pair.createAppRole(role);
        ConnectionSettings quick = pair.sourceAdminSettings().withTimeouts(1_000, 2_000, 1_000, 1_000);
        PgSourceFence unreachable = new PgSourceFence(JdbcConnections.inline(quick));
        long started = System.nanoTime();
        Throwable failure;
        try (AutoCloseable ignored = ReplicatedPair.freeze(pair.source())) {
            // WHEN the fence tries to connect
            failure = catchThrowable(() -> unreachable.fence(
                    FenceRequest.of(List.of(role), FenceMode.READ_ONLY, List.of()), List.of(), Duration.ofSeconds(3)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // THEN it fails within the deadline, saying it could not connect, and nothing was fenced
        assertThat(took).isLessThan(Duration.ofSeconds(6));
        assertThat(failure).isInstanceOf(DatabaseStepException.class)
                .hasMessageContaining("cannot connect");
        assertThat(storedSettings(role)).isEmpty();
        assertThat(sqlStateOfInsertAs(role)).isNull();
    }
}
