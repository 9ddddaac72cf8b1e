package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.Weights;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RehearsalReportTest {

    @Test
    void fenceToSwitch_andTheProductionEstimate_areInTheJsonAndTheSummaryLines() {
        // GIVEN a breakdown of 300 ms (fence 40, drain 100, sequences 60, counts 50, record change 30, 20 between
        // tasks) and a longest write gap from 5 ms before the fence to 400 ms after the record moved
        WindowBreakdown breakdown = new WindowBreakdown(1_000, 1_300, List.of(new WindowBreakdown.Step("fence",
                "fenceSource", 40), new WindowBreakdown.Step("drain", "drain", 100), new WindowBreakdown.Step(
                "sequences", "syncSequences", 60), new WindowBreakdown.Step("counts", "verifyRowCounts", 50),
                new WindowBreakdown.Step("record change", "switchWriter", 30)), 20, 0);
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.set("fenceToSwitch", RehearsalReport.fenceToSwitch(breakdown, new ReportFigures.Gap(995, 1_700), 0));
        report.set("productionEstimate", RehearsalReport.productionEstimate(new WriteGapEstimate(300, 5, 300, true)));

        // WHEN / THEN the JSON has the parts and the clients' share, and the summary shows both
        assertThat(report.path("fenceToSwitch").path("totalMs").asLong()).isEqualTo(300);
        assertThat(report.path("fenceToSwitch").path("steps").get(1).path("step").asText()).isEqualTo("drain");
        assertThat(report.path("fenceToSwitch").path("clientsAfterRecordMs").asLong()).isEqualTo(400);
        assertThat(report.path("productionEstimate").path("withLoweredTtlMs").asLong()).isEqualTo(65_300);
        assertThat(RehearsalReport.summary(report)).contains(
                "fence → switch     300 ms  (fence 40, drain 100, sequences 60, counts 50, record change 30, between"
                        + " tasks 20)",
                "production estimate 65.3 s with the lowered TTL (5 s), 360.3 s with the original TTL (300 s)  (fence"
                        + " → switch + Route 53 propagation 60 s + TTL)");
        assertThat(ReportHtml.render(report)).contains("fence → writer record moved (workflow tasks)",
                "300 ms — fence 40 ms, drain 100 ms", "65.3 s with the lowered TTL (5 s)");
    }

    @Test
    void overDms_theEstimateSaysItHoldsNoAwsStopOfTheForwardTask_andTheSummaryShowsIt() {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.set("productionEstimate", RehearsalReport.productionEstimate(new WriteGapEstimate(300, 5, 300, true),
                true));

        assertThat(report.path("productionEstimate").path("notIncluded").asText())
                .contains("StopReplicationTask", "AWS documents no duration");
        assertThat(RehearsalReport.summary(report)).anySatisfy(line -> assertThat(line)
                .contains("not in the estimate: over DMS"));
        assertThat(RehearsalReport.productionEstimate(new WriteGapEstimate(300, 5, 300, true), false)
                .has("notIncluded")).isFalse();
    }

    @Test
    void withoutASwitch_thereIsNoBreakdownAndNoEstimate_andTheSummarySaysNothingOfThem() {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.set("fenceToSwitch", RehearsalReport.fenceToSwitch(null, new ReportFigures.Gap(0, 10), 0));
        report.set("productionEstimate", RehearsalReport.noEstimate());

        assertThat(report.path("fenceToSwitch").path("totalMs").isNull()).isTrue();
        assertThat(RehearsalReport.summary(report)).noneMatch(l -> l.startsWith("fence → switch")
                || l.startsWith("production estimate"));
    }

    @Test
    void sequences_areBehind_whenTheTargetEndedPrimaryWithALowerValueThanTheSource() {
        // GIVEN three sequences; the target got source + buffer for two, and one was never synced
        Map<String, Long> source = new LinkedHashMap<>();
        source.put("public.orders_id_seq", 900L);
        source.put("public.invoice_numbers", 900L);
        source.put("public.never_used", null);
        Map<String, Long> target = new HashMap<>();
        target.put("public.orders_id_seq", 1_950L);
        target.put("public.invoice_numbers", 12L);
        target.put("public.never_used", null);

        // WHEN compared with the target as final primary
        JsonNode node = RehearsalReport.sequences(source, target, Side.TARGET);

        // THEN only the unsynced one is behind; a never-used sequence on both sides is not
        assertThat(node.path("checked").asInt()).isEqualTo(3);
        assertThat(node.path("behind").asInt()).isEqualTo(1);
        assertThat(node.path("behindSequences").get(0).asText()).isEqualTo("public.invoice_numbers");
        assertThat(RehearsalReport.sequences(source, target, Side.SOURCE).path("behind").asInt())
                .as("after a rollback the source keeps its own sequences: nothing counts").isZero();
    }

    @Test
    void rowCounts_atTheEnd_listTheTablesWhoseCountsDiffer() {
        // GIVEN counts on both sides
        Map<String, Long> source = new LinkedHashMap<>(Map.of("public.customers", 50L));
        source.put("public.orders", 510L);
        Map<String, Long> target = Map.of("public.customers", 50L, "public.orders", 500L);

        // WHEN compared
        JsonNode node = RehearsalReport.rowCounts(null, source, target, "at the end");

        // THEN one of two tables mismatches
        assertThat(node.path("tables").asInt()).isEqualTo(2);
        assertThat(node.path("mismatched").asInt()).isEqualTo(1);
        assertThat(node.path("mismatchedTables").get(0).asText()).isEqualTo("public.orders");
    }

    @Test
    void steps_reportReadsPerSideForEachReaderWeight_withTheObservedShare() {
        // GIVEN reads served at two reader weights
        LoadCounters counters = new LoadCounters();
        for (int i = 0; i < 8; i++) {
            counters.readServed(new Weights(80, 20), i < 6 ? Side.SOURCE : Side.TARGET);
        }
        counters.readServed(Weights.allTarget(), Side.TARGET);
        counters.writeAcknowledged(Weights.allSource(), Side.SOURCE);

        // WHEN the steps section is built
        JsonNode steps = RehearsalReport.steps(counters);

        // THEN each weight has its reads per side and the share the target served, then the writer's weights
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).path("reads").path("source").asLong()).isEqualTo(6);
        assertThat(steps.get(0).path("reads").path("target").asLong()).isEqualTo(2);
        assertThat(steps.get(0).path("targetShareObserved").asDouble()).isEqualTo(25.0);
        assertThat(steps.get(0).path("targetShareExpected").asInt()).isEqualTo(20);
        assertThat(steps.get(2).path("record").asText()).isEqualTo("writer");
    }

    @Test
    void safe_needsNothingLost_andTheEndingTheRunMustHave() {
        // GIVEN a fault run that rolled back with a writable source
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("outcome", "rolled_back");
        report.putArray("faults").addObject().put("fault", "lag@50");
        report.putObject("writes").put("lost", 0).put("splitBrain", 0).put("duplicated", 0)
                .put("acknowledgedByFinalPrimaryAfterLastWriterMove", 12);
        report.putObject("sourceWritableAfter").put("writable", true);

        // WHEN / THEN it is safe; losing one write, or not rolling back, or the reference design, is not
        assertThat(Rehearsal.safe(report)).isTrue();
        ((ObjectNode) report.get("writes")).put("lost", 1);
        assertThat(Rehearsal.safe(report)).isFalse();
        ((ObjectNode) report.get("writes")).put("lost", 0);
        report.put("outcome", "completed");
        assertThat(Rehearsal.safe(report)).isFalse();
        report.put("outcome", "rolled_back");
        report.put("referenceDesign", true);
        assertThat(Rehearsal.safe(report)).isFalse();
    }

    @Test
    void safe_forAReverseTableLeftBehind_needsTheRollback_notARefusal() {
        // GIVEN a table-error@watch run whose rollback refused, the writer and every write left on the target
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("outcome", "failed");
        report.putArray("faults").addObject().put("fault", "table-error@watch");
        report.putObject("execution").put("error", "RollbackFailed").put("cause",
                "{\"errorType\":\"io.cutover.handlers.errors.ReverseReplicationUnrecoverableException\"}");
        report.putObject("writes").put("lost", 0).put("splitBrain", 0).put("duplicated", 0)
                .put("acknowledgedByFinalPrimaryAfterLastWriterMove", 12).put("finalPrimary", "target")
                .put("targetWritesBeforeFault", 100);

        // WHEN / THEN it is not safe: the rollback copies the table it left behind, so it must have rolled back
        assertThat(Rehearsal.safe(report)).isFalse();
        report.put("outcome", "rolled_back");
        ((ObjectNode) report.get("writes")).put("finalPrimary", "source");
        report.putObject("sourceWritableAfter").put("writable", true);
        assertThat(Rehearsal.safe(report)).isTrue();
    }

    @Test
    void safe_needsAWriteTheFinalPrimaryTookAfterTheWritesLastMoved() {
        // GIVEN a completed run with nothing lost
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("outcome", "completed");
        report.putArray("faults");
        report.putObject("writes").put("lost", 0).put("splitBrain", 0).put("duplicated", 0)
                .put("acknowledgedByFinalPrimaryAfterLastWriterMove", 1);
        report.putObject("sequences").put("behind", 0);
        report.putObject("rowCounts").put("mismatched", 0);
        assertThat(Rehearsal.safe(report)).isTrue();

        // WHEN the final primary took no write after the writer moved, THEN nothing lost proves nothing: not safe
        ((ObjectNode) report.get("writes")).put("acknowledgedByFinalPrimaryAfterLastWriterMove", 0);
        assertThat(Rehearsal.safe(report)).isFalse();
        ((ObjectNode) report.get("writes")).remove("acknowledgedByFinalPrimaryAfterLastWriterMove");
        assertThat(Rehearsal.safe(report)).isFalse();
    }

    @Test
    void summary_printsTheSafetyFiguresAndEachGoalMeasuredAgainstIt() {
        // GIVEN a completed run's report
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("strategy", "fenced-switch");
        report.put("outcome", "completed");
        report.putObject("finalWeights").putObject("rehearsal-writer").put("source", 0).put("target", 100);
        report.putObject("writes").put("attempted", 120).put("acknowledged", 118).put("lost", 0).put("duplicated", 0)
                .put("splitBrain", 0).put("finalPrimary", "target")
                .put("acknowledgedByFinalPrimaryAfterLastWriterMove", 41);
        report.put("writeUnavailableMs", 640);
        report.putNull("rollbackReactionMs");
        report.put("durationMs", 70_000);
        report.set("goals", RehearsalReport.goals(report, 100, true));

        // WHEN summarised
        List<String> lines = RehearsalReport.summary(report);

        // THEN the figures and the goals appear
        assertThat(String.join("\n", lines)).contains("attempted 120, acknowledged 118, lost 0, duplicated 0, "
                + "split-brain 0  (final primary: target, 41 acknowledged by it after the writes last moved)",
                "write unavailable  640 ms", "goal writeUnavailableMs 640 ms measured vs goal "
                + "<= 1000 ms", "goal durationMs         70000 ms measured vs goal <= 180000 ms", "MET");
    }

    @Test
    void summary_printsEachDistinctRefusalOnce_andTheLatencyLinesTheOperatorSaw() {
        // GIVEN a DMS run refused twice alike at manual_cutover, after one applied call with readiness lines
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("replication", "dms").put("replicationDescription", "DMS (stand-in)");
        var operator = report.putArray("operator");
        operator.addObject().put("call", "CutoverApi manual_cutover").put("outcome", "applied").put("message", "ok")
                .putArray("checks").addObject().put("name", "task T CDC latency").put("observed", "last 3: 1 s")
                .put("threshold", "<= 5 s");
        for (int i = 0; i < 2; i++) {
            operator.addObject().put("call", "CutoverApi manual_cutover").put("outcome", "refused")
                    .put("message", "set ControlTablesSettings.StatusTableEnabled to true");
        }

        // WHEN summarised
        List<String> lines = RehearsalReport.summary(report);

        // THEN the refusal appears once, the latency line and the replication too
        assertThat(lines).filteredOn(l -> l.startsWith("refused")).containsExactly("refused            CutoverApi"
                + " manual_cutover refused: set ControlTablesSettings.StatusTableEnabled to true");
        assertThat(lines).contains("readiness          CutoverApi manual_cutover: task T CDC latency last 3: 1 s"
                + " (<= 5 s)", "replication        dms  (DMS (stand-in))");
    }
}
