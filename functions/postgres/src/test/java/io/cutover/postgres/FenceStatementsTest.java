package io.cutover.postgres;

import io.cutover.core.port.db.RoleDatabaseSetting;
import io.cutover.core.port.db.RolePreviousSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FenceStatementsTest {

    private static RoleSettings.State state(boolean canLogin, RoleDatabaseSetting... settings) {
        return new RoleSettings.State("app", canLogin, false, List.of(settings));
    }

    @Test
    void restore_resetsWhatHadNoSetting_andSetsBackAnExplicitOff() {
        // GIVEN a role that had an explicit off in one database and nothing role-wide, now fenced everywhere
        RolePreviousSettings previous = new RolePreviousSettings("app", true,
                List.of(new RoleDatabaseSetting("orders", "off")), false);
        RoleSettings.State fenced = state(true, new RoleDatabaseSetting(null, "on"),
                new RoleDatabaseSetting("orders", "on"));

        // WHEN the restore statements are derived
        List<String> statements = PgSourceFence.restoreStatements(previous, fenced);

        // THEN the role-wide entry is RESET (not set to off) and the per-database one set back to off
        assertThat(statements).containsExactly(
                "ALTER ROLE \"app\" RESET default_transaction_read_only",
                "ALTER ROLE \"app\" IN DATABASE \"orders\" SET default_transaction_read_only = E'off'");
    }

    @Test
    void restore_givesBackTheLogin_andDoesNothingWhenAlreadyRestored() {
        RolePreviousSettings previous = new RolePreviousSettings("app", true, List.of(), false);

        assertThat(PgSourceFence.restoreStatements(previous, state(false)))
                .containsExactly("ALTER ROLE \"app\" LOGIN");
        assertThat(PgSourceFence.restoreStatements(previous, state(true))).isEmpty();
    }

    @Test
    void restore_keepsARoleThatWasDeliberatelyNoLogin_thatWay() {
        RolePreviousSettings previous = new RolePreviousSettings("app", false,
                List.of(new RoleDatabaseSetting(null, "on")), true);

        assertThat(PgSourceFence.restoreStatements(previous, state(false, new RoleDatabaseSetting(null, "on"))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "ON", "true", "t", "tr", "yes", "y", "1", " on "})
    void isTrue_acceptsPostgresTrueSpellings(String value) {
        assertThat(RoleSettings.isTrue(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "of", "o", "false", "f", "no", "n", "0", ""})
    void isTrue_rejectsFalseAndAmbiguousSpellings(String value) {
        assertThat(RoleSettings.isTrue(value)).isFalse();
    }

    @Test
    void alterStatement_quotesRoleAndDatabase() {
        assertThat(RoleSettings.alterStatement("we\"ird", "my db", "on"))
                .isEqualTo("ALTER ROLE \"we\"\"ird\" IN DATABASE \"my db\" SET default_transaction_read_only = E'on'");
        assertThat(RoleSettings.alterStatement("app", null, null))
                .isEqualTo("ALTER ROLE \"app\" RESET default_transaction_read_only");
    }
}
