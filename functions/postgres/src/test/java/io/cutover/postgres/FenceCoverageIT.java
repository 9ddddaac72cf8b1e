package io.cutover.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.FenceMode;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.FenceRequest;
import io.cutover.postgres.testing.ReplicatedPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Roles the fence would not cover, found on a real source before anything is fenced. */
@Timeout(120)
class FenceCoverageIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static ReplicatedPair pair;
    private static PgFenceCoverage coverage;
    private static String table;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        coverage = new PgFenceCoverage(pair.sourceAdmin());
        table = pair.createLoadTable("coverage_writes");
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aLoginMemberOfAFencedRole_writesPastAReadOnlyFence_andIsNamed_directOrThroughAGroup() throws SQLException {
        // GIVEN a group role holding the privileges, a login member of it and a login member of a member
        String app = ReplicatedPair.unique("cov_app");
        String alice = ReplicatedPair.unique("cov_alice");
        String ops = ReplicatedPair.unique("cov_ops");
        String bob = ReplicatedPair.unique("cov_bob");
        pair.createAppRole(app);
        pair.executeOnSource("CREATE ROLE " + alice + " LOGIN IN ROLE " + app,
                "CREATE ROLE " + ops + " NOLOGIN IN ROLE " + app, "CREATE ROLE " + bob + " LOGIN IN ROLE " + ops);

        // THEN the check names both logins (not the NOLOGIN group in between)
        PgFenceCoverage.Coverage found = coverage.check(List.of(app), List.of(), TIMEOUT);
        assertThat(found.unfencedMembers()).containsExactlyInAnyOrder(alice + " (member of " + app + ")",
                bob + " (member of " + app + ")");

        // AND that is no false alarm: with the group fenced read-only, the member still writes
        FenceReport fenced = pair.adapters().sourceFence().fence(FenceRequest.of(List.of(app), FenceMode.READ_ONLY,
                List.of()), List.of(), TIMEOUT);
        try (Connection c = pair.sourceConnection(alice); Statement st = c.createStatement()) {
            st.execute("SET ROLE " + app);
            st.execute("INSERT INTO " + table + " (payload) VALUES ('member wrote past the fence')");
        } finally {
            pair.adapters().sourceFence().unfence(fenced.previousSettings(), TIMEOUT);
        }
        assertThat(pair.querySource("SELECT count(*) FROM " + table + " WHERE payload LIKE 'member%'")).isEqualTo(1);

        // AND a member that is fenced too is covered
        assertThat(coverage.check(List.of(app, alice, bob), List.of(), TIMEOUT).unfencedMembers()).isEmpty();
    }

    @Test
    void replicationRolesAndTheFencingLogin_areNotCounted_andOtherConnectedRolesAreWarnedAbout() throws SQLException {
        String app = ReplicatedPair.unique("cov_group");
        String replicator = ReplicatedPair.unique("cov_repl");
        String reporting = ReplicatedPair.unique("cov_reporting");
        pair.createAppRole(app);
        pair.createAppRole(reporting);
        pair.executeOnSource("CREATE ROLE " + replicator + " LOGIN IN ROLE " + app,
                "GRANT " + app + " TO CURRENT_USER");

        try (Connection other = pair.sourceConnection(reporting); Statement st = other.createStatement()) {
            st.execute("SELECT 1");
            PgFenceCoverage.Coverage found = coverage.check(List.of(app), List.of(replicator), TIMEOUT);

            assertThat(found.unfencedMembers()).isEmpty();
            assertThat(found.otherWriters()).anySatisfy(w -> assertThat(w).startsWith(reporting + " (1 session(s)"));
            assertThat(found.otherWriters()).noneMatch(w -> w.startsWith(app + " "));
        }
    }
}
