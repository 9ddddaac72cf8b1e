package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which errors a pooled load's connection survives, as HikariCP decides it. */
class AppLoadPoolTest {
    @ParameterizedTest
    @ValueSource(strings = {"25006", "23505", "40001", "42P01", "53300"})
    void aStatementError_keepsThePooledConnection_soAReadOnlySessionKeepsFailing(String sqlState) {
        assertThat(AppLoad.breaksTheConnection(new SQLException("statement failed", sqlState))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P02", "57P03", "0A000"})
    void aBrokenOrEndedSession_evictsIt_soThePoolReconnectsThroughTheRecord(String sqlState) {
        assertThat(AppLoad.breaksTheConnection(new SQLException("connection gone", sqlState))).isTrue();
    }

    @Test
    void anErrorWithoutSqlState_evictsIt() {
        assertThat(AppLoad.breaksTheConnection(new SQLException("socket closed"))).isTrue();
    }
}
