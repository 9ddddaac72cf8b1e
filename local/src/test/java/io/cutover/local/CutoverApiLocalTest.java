package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.port.cloud.LockHolder;
import io.cutover.core.port.cloud.RecordAtName;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.CutoverApiHandler;
import io.cutover.local.adapters.LocalDms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CutoverApi handler on local adapters: what it answers and what it changes. */
class CutoverApiLocalTest {
    private static final String ARN_ONE = "arn:aws:dms:eu-west-1:123456789012:task:ORDERSTASKONE";

    static Stream<Path> invalidPayloads() throws IOException {
        return Files.list(Fixtures.repoRoot().resolve("test-payloads/invalid")).sorted();
    }

    static Stream<Path> dryRunPayloads() throws IOException {
        return Files.list(Fixtures.repoRoot().resolve("test-payloads"))
                .filter(p -> p.getFileName().toString().contains("dry-run")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPayloads")
    void invalidPayload_isAnsweredWithTheField_andChangesNothing(Path payload) throws IOException {
        LocalEnvironment env = Fixtures.environment(LocalState.empty());

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db").handle(Files.readString(payload));

        assertThat(answer.path("outcome").asText()).isEqualTo("invalid");
        assertThat(answer.path("errors").size()).isPositive();
        assertThat(answer.path("errors").get(0).path("field").asText()).isNotBlank();
        assertThat(answer.path("errors").get(0).path("expected").asText()).isNotBlank();
        assertThat(env.effects.all()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dryRunPayloads")
    void dryRun_returnsItsAnswer_withoutASingleEffect(Path payload) throws IOException {
        LocalEnvironment env = Fixtures.environment(LocalState.empty());

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db").handle(Files.readString(payload));

        assertThat(answer.path("outcome").asText()).isIn("dry_run", "refused", "no_op");
        assertThat(env.effects.all()).isEmpty();
    }

    @Test
    void adoptRecords_turnsPlainRecordsIntoThePairAllOnTheSource_andRepeatingItIsANoOp() {
        // GIVEN both names hold a plain record of the source
        LocalEnvironment env = Fixtures.environment(LocalState.empty());
        env.records.withPlainRecord("orders-writer", new RecordAtName("CNAME", null, null, 300L,
                List.of("orders-pg.abcdefghijkl.eu-west-1.rds.amazonaws.com")));
        env.records.withPlainRecord("orders-reader", new RecordAtName("CNAME", null, null, 300L,
                List.of("orders-pg-replica.abcdefghijkl.eu-west-1.rds.amazonaws.com")));
        CutoverApiHandler api = new CutoverApiHandler(env.ports, "orders-db");

        ObjectNode first = api.handle("{\"action\":\"adopt_records\"}");
        ObjectNode second = api.handle("{\"action\":\"adopt_records\"}");

        assertThat(first.path("outcome").asText()).as(first.toString()).isEqualTo("applied");
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
        assertThat(env.records.current("orders-reader")).isEqualTo(Weights.allSource());
        assertThat(dnsChanges(env)).isEqualTo(2);
        assertThat(second.path("outcome").asText()).isEqualTo("no_op");
        assertThat(dnsChanges(env)).isEqualTo(2);
    }

    @Test
    void gradualShift_writesOnlyTheReaderGroup_andRepeatingItIsANoOp() {
        LocalEnvironment env = Fixtures.environment(LocalState.empty());
        CutoverApiHandler api = new CutoverApiHandler(env.ports, "orders-db");

        ObjectNode first = api.handle("{\"action\":\"gradual_cutover\",\"aurora_weight\":20}");
        int dnsChangesAfterFirst = dnsChanges(env);
        ObjectNode second = api.handle("{\"action\":\"gradual_cutover\",\"aurora_weight\":20}");

        assertThat(first.path("outcome").asText()).isEqualTo("applied");
        assertThat(dnsChangesAfterFirst).isEqualTo(1);
        assertThat(env.records.current("orders-reader")).isEqualTo(new Weights(80, 20));
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
        assertThat(second.path("outcome").asText()).isEqualTo("no_op");
        assertThat(dnsChanges(env)).isEqualTo(1);
    }

    @Test
    void gradualShift_isRefusedNamingTheHolder_whenAWorkflowHoldsTheLock() {
        LocalState state = new LocalState(null, Map.of(), Map.of(),
                new LockHolder("orders-db-1", Fixtures.NOW.minusSeconds(60)), Map.of(), Map.of(), null);
        LocalEnvironment env = Fixtures.environment(state);

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db")
                .handle("{\"action\":\"gradual_cutover\",\"aurora_weight\":20}");

        assertThat(answer.path("outcome").asText()).isEqualTo("refused");
        assertThat(answer.path("message").asText()).contains("orders-db-1");
        assertThat(dnsChanges(env)).isZero();
    }

    @Test
    void gradualShift_isRefusedWithTheVerdict_whenOneTaskLags() {
        LocalState state = new LocalState(null, Map.of(), Map.of(), null,
                Map.of(ARN_ONE, new LocalDms.TaskScript("running", 95, 0, 10, List.of(), 0)), Map.of(), null);
        LocalEnvironment env = Fixtures.environment(state);

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db")
                .handle("{\"action\":\"gradual_cutover\",\"aurora_weight\":20}");

        assertThat(answer.path("outcome").asText()).isEqualTo("refused");
        assertThat(answer.path("verdict").path("status").asText()).isEqualTo("NOT_READY");
        ArrayNode checks = (ArrayNode) answer.path("verdict").path("checks");
        assertThat(checks.findValuesAsText("name")).contains("task ORDERSTASKONE CDC latency");
        assertThat(dnsChanges(env)).isZero();
    }

    @Test
    void gradualShift_isRefusedWithTheReason_whenTheConfigHasOnlyWriterRecords() {
        String writerOnly = Fixtures.exampleConfigWith(tree -> ((ArrayNode) tree.path("recordGroups")).remove(1));
        LocalEnvironment env = Fixtures.environment(writerOnly, LocalState.empty(), LocalInvoker.unreachableDatabases());

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db")
                .handle("{\"action\":\"gradual_cutover\",\"aurora_weight\":50}");

        assertThat(answer.path("outcome").asText()).isEqualTo("refused");
        assertThat(answer.path("message").asText()).contains("weighted writes").contains("manual_cutover");
        assertThat(dnsChanges(env)).isZero();
    }

    @Test
    void backtrackRollback_onAuroraPostgresql_isRefusedNamingPitr_andChangesNothing() {
        LocalState shifting = new LocalState(null, Map.of("orders-reader", new Weights(50, 50)),
                Map.of("state", Map.of("migrationId", "orders-db", "phase", "SHIFTING", "readerPercent", 50)),
                null, Map.of(), Map.of(), null);
        LocalEnvironment env = Fixtures.environment(shifting);

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db")
                .handle("{\"action\":\"rollback\",\"strategy\":\"backtrack\"}");

        assertThat(answer.path("outcome").asText()).isEqualTo("refused");
        assertThat(answer.path("message").asText()).contains("Aurora MySQL").contains("pitr");
        assertThat(env.effects.all()).isEmpty();
    }

    @Test
    void rollback_movesEveryRecordBackToTheSource_andEndsRolledBack() {
        LocalState shifting = new LocalState(null, Map.of("orders-reader", new Weights(50, 50)),
                Map.of("state", Map.of("migrationId", "orders-db", "phase", "SHIFTING", "readerPercent", 50)),
                null, Map.of(), Map.of(), null);
        String dnsRollback = Fixtures.exampleConfigWith(tree -> tree.putObject("rollback").put("strategy", "dns"));
        LocalEnvironment env = Fixtures.environment(dnsRollback, shifting, LocalInvoker.unreachableDatabases());

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db").handle("{\"action\":\"rollback\"}");

        assertThat(answer.path("outcome").asText()).isEqualTo("applied");
        assertThat(answer.path("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(env.records.current("orders-reader")).isEqualTo(Weights.allSource());
        assertThat(env.records.current("orders-writer")).isEqualTo(Weights.allSource());
    }

    @Test
    void status_reportsPhaseWeightsAndVerdict_withoutEffects() {
        LocalEnvironment env = Fixtures.environment(LocalState.empty());

        ObjectNode answer = new CutoverApiHandler(env.ports, "orders-db").handle("{\"action\":\"status\"}");

        assertThat(answer.path("phase").asText()).isEqualTo("IDLE");
        assertThat(answer.path("weights").path("orders-writer").path("source").asInt()).isEqualTo(100);
        assertThat(answer.path("verdict").path("checks").size()).isPositive();
        assertThat(env.effects.all()).isEmpty();
    }

    private static int dnsChanges(LocalEnvironment env) {
        return env.effects.matching(e -> e.call().equals("route53:ChangeResourceRecordSets")).size();
    }
}
