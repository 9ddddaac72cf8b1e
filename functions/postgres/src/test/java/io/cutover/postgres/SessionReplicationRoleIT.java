package io.cutover.postgres;

import io.cutover.core.port.db.ReplicationRoleSetting;
import io.cutover.core.port.db.SessionReplicationRoleReport;
import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@Timeout(120)
class SessionReplicationRoleIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static ReplicatedPair pair;
    private static PgSessionReplicationRoleCheck check;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        check = pair.adapters().sessionReplicationRoleCheck();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void check_findsReplicaSetOnTheDatabaseAndRoles_andResetToOriginClearsIt() {
        // GIVEN session_replication_role = replica where DMS set-ups leave it: the database and a role in it,
        // while another role's setting is already origin
        String loader = ReplicatedPair.unique("dms_loader");
        String app = ReplicatedPair.unique("srr_app");
        pair.executeOnTarget("CREATE ROLE " + loader + " LOGIN", "CREATE ROLE " + app + " LOGIN",
                "ALTER DATABASE " + ReplicatedPair.DATABASE + " SET session_replication_role = replica",
                "ALTER ROLE " + loader + " IN DATABASE " + ReplicatedPair.DATABASE
                        + " SET session_replication_role = replica",
                "ALTER ROLE " + app + " SET session_replication_role = origin");
        try {
            // WHEN checked
            SessionReplicationRoleReport before = check.check(TIMEOUT);

            // THEN every stored setting is reported, and a fresh session gets replica from the database setting
            assertThat(before.allOrigin()).isFalse();
            assertThat(before.database()).isEqualTo(ReplicatedPair.DATABASE);
            assertThat(before.sessionValue()).isEqualTo("replica");
            assertThat(before.sessionValueSource()).isEqualTo("database");
            assertThat(before.settings())
                    .extracting(ReplicationRoleSetting::scope, ReplicationRoleSetting::role,
                            ReplicationRoleSetting::database, ReplicationRoleSetting::value)
                    .containsExactlyInAnyOrder(
                            tuple("DATABASE", null, ReplicatedPair.DATABASE, "replica"),
                            tuple("ROLE", app, null, "origin"),
                            tuple("ROLE_IN_DATABASE", loader, ReplicatedPair.DATABASE, "replica"));
            assertThat(before.statements()).isEmpty();
            assertThat(before.detail()).contains("resetToOrigin");

            // WHEN reset to origin
            SessionReplicationRoleReport after = check.resetToOrigin(TIMEOUT);

            // THEN the non-origin settings were reset, the origin one left, and fresh sessions get origin
            assertThat(after.statements()).containsExactlyInAnyOrder(
                    "ALTER DATABASE \"" + ReplicatedPair.DATABASE + "\" RESET session_replication_role",
                    "ALTER ROLE \"" + loader + "\" IN DATABASE \"" + ReplicatedPair.DATABASE
                            + "\" RESET session_replication_role");
            assertThat(after.allOrigin()).isTrue();
            assertThat(after.sessionValue()).isEqualTo("origin");
            assertThat(after.serverDefaultOrigin()).isTrue();
            assertThat(after.detail()).isNull();
            assertThat(after.settings()).filteredOn(ReplicationRoleSetting::reset).hasSize(2);
            assertThat(pair.targetStrings("SELECT current_setting('session_replication_role')"))
                    .containsExactly("origin");

            // AND resetting again changes nothing
            assertThat(check.resetToOrigin(TIMEOUT).statements()).isEmpty();
        } finally {
            pair.executeOnTarget("ALTER DATABASE " + ReplicatedPair.DATABASE + " RESET session_replication_role",
                    "ALTER ROLE " + app + " RESET session_replication_role");
        }
    }

    @Test
    void check_reportsAServerDefaultOtherThanOrigin_asSomethingSqlCannotFix() {
        // GIVEN the server-wide default set (what a DB parameter group does on RDS/Aurora)
        pair.executeOnTarget("ALTER SYSTEM SET session_replication_role = replica", "SELECT pg_reload_conf()");
        try {
            SessionReplicationRoleReport report = ReplicatedPairAwait.freshSessionSees(check, "replica");

            assertThat(report.allOrigin()).isFalse();
            assertThat(report.sessionValueSource()).isEqualTo("configuration file");
            assertThat(report.serverDefaultOrigin()).isFalse();
            assertThat(report.detail()).contains("parameter group");
            // resetting cannot change it, and says so
            SessionReplicationRoleReport reset = check.resetToOrigin(TIMEOUT);
            assertThat(reset.statements()).isEmpty();
            assertThat(reset.allOrigin()).isFalse();
        } finally {
            pair.executeOnTarget("ALTER SYSTEM RESET session_replication_role", "SELECT pg_reload_conf()");
        }
        assertThat(ReplicatedPairAwait.freshSessionSees(check, "origin").allOrigin()).isTrue();
    }

    /** pg_reload_conf() is asynchronous: poll until a fresh session sees the value. */
    private static final class ReplicatedPairAwait {
        static SessionReplicationRoleReport freshSessionSees(PgSessionReplicationRoleCheck check, String value) {
            return io.cutover.postgres.testing.Await.value(TIMEOUT, "a fresh session to see " + value,
                    () -> check.check(TIMEOUT), r -> value.equals(r.sessionValue()));
        }
    }
}
