package io.cutover.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.postgres.testing.ReplicatedPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The servers these ITs run on are the PostgreSQL major version the build asked for (see ./build test). */
class ServerVersionIT {
    private static ReplicatedPair pair;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void bothServers_runTheMajorVersionOfTheConfiguredBinaries() {
        String binaries = System.getProperty("embedded.postgres.binaries.version");
        assertThat(binaries).as("failsafe passes embedded.postgres.binaries.version").isNotBlank();
        long major = Long.parseLong(binaries.substring(0, binaries.indexOf('.')));
        String versionNum = "SELECT current_setting('server_version_num')::int / 10000";
        assertThat(pair.querySource(versionNum)).isEqualTo(major);
        assertThat(pair.queryTarget(versionNum)).isEqualTo(major);
    }
}
