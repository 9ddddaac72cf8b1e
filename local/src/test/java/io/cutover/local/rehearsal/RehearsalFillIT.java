package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rows}: the filled tables and sequences reach the target through the initial copy. */
class RehearsalFillIT {
    @TempDir
    Path dir;

    @Test
    void aSmallFill_isOnBothSidesRowForRow_withItsSequences_andTheBigTablesAreCountedPerDay() {
        // GIVEN a fill of 10 003 rows (an uneven share) on the built-in schema
        RehearsalFill fill = new RehearsalFill(10_003);

        // WHEN the servers start with it
        try (RehearsalServers servers = RehearsalServers.start(dir, RehearsalSchema.builtIn(), fill)) {
            // THEN every filled table holds the same rows on the target as on the source, N in all
            Map<String, Long> source = servers.rowCounts(Side.SOURCE);
            Map<String, Long> target = servers.rowCounts(Side.TARGET);
            assertThat(target).isEqualTo(source);
            long filled = source.entrySet().stream().filter(e -> RehearsalFill.isBigTable(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(filled).isEqualTo(10_003);
            assertThat(source.get(RehearsalFill.ledgerTable(1))).isEqualTo(RehearsalFill.LEDGER_ROWS);
            // AND the 3000 ledger sequences (plus the big tables' and the built-in schema's own) exist on both sides
            Map<String, Long> sourceSequences = servers.sequenceValues(Side.SOURCE);
            assertThat(sourceSequences.keySet()).isEqualTo(servers.sequenceValues(Side.TARGET).keySet());
            assertThat(sourceSequences.keySet().stream().filter(s -> s.startsWith(RehearsalFill.SCHEMA + ".ledger_")))
                    .hasSize(RehearsalFill.SEQUENCES);
            assertThat(sourceSequences.get(RehearsalFill.SCHEMA + ".ledger_30_c100_seq"))
                    .isEqualTo(RehearsalFill.LEDGER_ROWS);
            // AND the config counts the big tables per day of created_at, the rest whole
            ObjectNode config = RehearsalConfig.build(servers, 50);
            for (JsonNode count : config.path("rowCounts")) {
                boolean big = RehearsalFill.isBigTable(count.path("table").asText());
                assertThat(count.path("bucketColumn").asText(null)).as("%s", count)
                        .isEqualTo(big ? "created_at" : null);
            }
            assertThat(config.path("rowCounts").size()).isEqualTo(source.size());
        }
    }
}
