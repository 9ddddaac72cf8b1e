package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rows}: the filled tables and sequences reach the target through the initial copy, and a cutover of that
 * schema (3000 sequences) completes within what Step Functions passes between states.
 */
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

    @Test
    void aCutoverOfThousandsOfSequences_completes_withEveryTaskResultFarBelowStepFunctionsLimit() throws Exception {
        // GIVEN the fill's 3000 ledger sequences (the sequence report alone was 820 KB: in AWS, States.DataLimitExceeded
        // after the fence, which no Catch matches; the local runner fails the same way)
        RehearsalOptions options = RehearsalOptions.defaults().withRows(2_000).withProgress(false)
                .withReportDir(dir.resolve("report")).withDataDir(dir.resolve("data"));

        // WHEN it runs
        RehearsalResult result = Rehearsal.run(options, null);

        // THEN it completes, and no task returned more than 16 KB (the limit is 256 KiB)
        JsonNode report = result.report();
        assertThat(report.path("outcome").asText()).as("%s", report.path("execution")).isEqualTo("completed");
        assertThat(report.path("database").path("sequences").asInt()).isGreaterThan(RehearsalFill.SEQUENCES);
        JsonNode sync = HandlerLogTasks.results(options.reportDir(), "syncSequences").getFirst();
        assertThat(sync.path("synced").asInt()).isGreaterThan(RehearsalFill.SEQUENCES);
        try (var lines = java.nio.file.Files.lines(options.reportDir().resolve("handlers.log"))) {
            assertThat(lines.filter(line -> line.contains("\"task done\"")).mapToInt(String::length).max().orElse(0))
                    .isLessThan(16_384);
        }
        assertThat(result.safe()).isTrue();
    }
}
