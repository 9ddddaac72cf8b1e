package io.cutover.postgres;

import io.cutover.core.port.db.ConnectionSettings;
import io.cutover.core.port.db.DatabaseCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {
    private static final DatabaseCredentials CREDS = new DatabaseCredentials("u", "p");

    @Test
    void settings_defaultToVerifyFull_andBoundedTimeouts() {
        ConnectionSettings s = ConnectionSettings.withSecret("jdbc:postgresql://h/db", "arn", null);

        assertThat(s.sslMode()).isEqualTo("verify-full");
        assertThat(s.connectTimeoutMillis()).isPositive();
        assertThat(s.statementTimeoutMillis()).isPositive();
        assertThat(s.lockTimeoutMillis()).isPositive();
    }

    @Test
    void settings_rejectWhatCannotWork() {
        assertThatThrownBy(() -> ConnectionSettings.withSecret("jdbc:mysql://h/db", "arn", "require"))
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> ConnectionSettings.withSecret("jdbc:postgresql://h/db", "arn", "verify"))
                .hasMessageContaining("sslMode");
        assertThatThrownBy(() -> new ConnectionSettings("jdbc:postgresql://h/db", "arn", CREDS, "require", null,
                1, 1, 1, 1, null)).hasMessageContaining("exactly one of secretArn and credentials");
        assertThatThrownBy(() -> ConnectionSettings.withSecret("jdbc:postgresql://h/db", "arn", "require")
                .withTimeouts(0, 1, 1, 1)).hasMessageContaining("connectTimeoutMillis");
    }

    @Test
    void toString_neverShowsThePassword() {
        ConnectionSettings s = ConnectionSettings.withCredentials("jdbc:postgresql://h/db",
                new DatabaseCredentials("u", "hunter2"), "disable");

        assertThat(s.toString()).doesNotContain("hunter2").contains("password=***");
    }
}
