package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RehearsalApplyDelayLimitTest {
    private static ObjectNode config() {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putObject("readiness").put("maxWriterLatencySeconds", RehearsalConfig.WRITER_LATENCY_LIMIT_SECONDS);
        return config;
    }

    private static int limitWith(RehearsalReplication replication) {
        ObjectNode config = config();
        RehearsalConfig.allowApplyDelay(config, replication);
        return config.path("readiness").path("maxWriterLatencySeconds").asInt();
    }

    @Test
    void aSlowDmsTask_raisesTheWriterLimitToItsDelayPlusCommitTimeoutAndTwoSeconds() {
        // 5 s apply delay + CommitTimeout 1 s (the CDK app's settings) + 2 s
        assertThat(limitWith(RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ofSeconds(5)))).isEqualTo(8);
    }

    @Test
    void aSlowDmsTask_raisesAShorterDrainTimeoutToTheSameLimit_andKeepsALongerOne() {
        RehearsalReplication slow = RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ofSeconds(5));
        ObjectNode shorter = config().put("drainTimeoutSeconds", 6);
        RehearsalConfig.allowApplyDelay(shorter, slow);
        assertThat(shorter.path("drainTimeoutSeconds").asInt()).isEqualTo(8);
        ObjectNode longer = config().put("drainTimeoutSeconds", 300);
        RehearsalConfig.allowApplyDelay(longer, slow);
        assertThat(longer.path("drainTimeoutSeconds").asInt()).isEqualTo(300);
    }

    @Test
    void aQuickDmsTask_andNativeReplication_keepTheFiveSecondLimit() {
        assertThat(limitWith(RehearsalReplication.dms(DmsTaskSettings.defaults(), Duration.ofMillis(500))))
                .isEqualTo(RehearsalConfig.WRITER_LATENCY_LIMIT_SECONDS);
        assertThat(limitWith(RehearsalReplication.nativeReplication()))
                .isEqualTo(RehearsalConfig.WRITER_LATENCY_LIMIT_SECONDS);
    }
}
