package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import org.junit.jupiter.api.Test;

class WriteGapEstimateTest {
    private static ObjectNode config(int writerTtl) {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putArray("recordGroups").addObject().put("name", "reader").put("ttl", 300);
        ((com.fasterxml.jackson.databind.node.ArrayNode) config.get("recordGroups")).addObject()
                .put("name", "writer").put("ttl", writerTtl);
        return config;
    }

    @Test
    void addsRoute53PropagationAndTheLoweredTtl_andShowsTheOriginalTtlBeside() {
        // GIVEN a measured stretch of 700 ms, the writer record's TTL 300 s and a cutover TTL of 5 s in the config
        ObjectNode config = config(300);
        config.putObject("dns").put("cutoverTtlSeconds", 5);

        // WHEN estimated
        WriteGapEstimate estimate = WriteGapEstimate.from(700, config, "writer");

        // THEN measured + 60 s propagation + 5 s, and with the original TTL measured + 60 s + 300 s
        assertThat(estimate.ttlLowered()).isTrue();
        assertThat(estimate.withLoweredTtlMs()).isEqualTo(700 + 65_000);
        assertThat(estimate.withOriginalTtlMs()).isEqualTo(700 + 360_000);
    }

    @Test
    void aCutoverTtlAtOrAboveTheRecordsOwn_lowersNothing() {
        // GIVEN a writer record with a 30 s TTL and a cutover TTL of 60 s
        ObjectNode config = config(30);
        config.putObject("dns").put("cutoverTtlSeconds", 60);

        // WHEN / THEN the record keeps its 30 s, in both figures
        WriteGapEstimate estimate = WriteGapEstimate.from(100, config, "writer");
        assertThat(estimate.ttlLowered()).isFalse();
        assertThat(estimate.withLoweredTtlMs()).isEqualTo(100 + 90_000);
    }

    @Test
    void withoutACutoverTtlInTheConfig_theLoweredFigureIsTheOriginalTtl() {
        // GIVEN a config from before dns.cutoverTtlSeconds
        WriteGapEstimate estimate = WriteGapEstimate.from(400, config(30), "writer");

        // WHEN / THEN both figures use the writer record's TTL
        assertThat(estimate.ttlLowered()).isFalse();
        assertThat(estimate.withLoweredTtlMs()).isEqualTo(estimate.withOriginalTtlMs()).isEqualTo(400 + 90_000);
    }
}
