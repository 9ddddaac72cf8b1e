package io.cutover.core.json;

import static io.cutover.core.fixtures.ConfigFixture.READER;
import static io.cutover.core.fixtures.ConfigFixture.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.Bucket;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.Engine;
import io.cutover.core.config.FenceMode;
import io.cutover.core.config.Mode;
import io.cutover.core.config.RecordRole;
import io.cutover.core.config.ReplicationKind;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.PhaseMachine;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.readiness.CheckLine;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.request.Action;
import io.cutover.core.weights.WeightPlan;
import io.cutover.core.weights.WeightPlanner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The documents kept in Parameter Store as JSON must read back as what was written. */
class StoredDocumentsRoundTripTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.123Z");

    @Test
    void cutoverState_roundTrips_withHistoryAndTimestamps() throws Exception {
        // GIVEN a state some way into a cutover
        CutoverState state = CutoverState.idle("orders-db", NOW);
        state = PhaseMachine.transition(state, Phase.READY, 0, "orders-db-1", NOW.plusSeconds(1), "ready").orThrow();
        state = PhaseMachine.transition(state, Phase.SHIFTING, 20, null, NOW.plusSeconds(2), "step 1").orThrow();

        // WHEN written and read back
        String json = Json.write(state);
        CutoverState read = Json.read(json, CutoverState.class);

        // THEN it is equal, with phases by name and times as ISO-8601 text
        assertThat(read).isEqualTo(state);
        JsonNode tree = Json.MAPPER.readTree(json);
        assertThat(tree.get("phase").asText()).isEqualTo("SHIFTING");
        assertThat(tree.get("updatedAt").asText()).isEqualTo("2026-11-21T10:00:02.123Z");
        assertThat(tree.get("history").get(1).get("from").asText()).isEqualTo("READY");
    }

    @Test
    void rowPrecount_roundTrips_withBothSides() throws Exception {
        // GIVEN the precount of twenty bucketed tables, with checksums
        io.cutover.core.rowcount.TableActivity activity =
                new io.cutover.core.rowcount.TableActivity(123_456_789L, 1_234_567L, 0, "16384:16390,16391:16402");
        io.cutover.core.rowcount.SidePrecount side = new io.cutover.core.rowcount.SidePrecount(activity,
                98_765_432L, "9223372036854775807123", 12_345L);
        List<io.cutover.core.rowcount.TablePrecount> tables = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> new io.cutover.core.rowcount.TablePrecount("sales.order_lines_" + i, "created_at",
                        Bucket.MONTH, Instant.parse("2026-11-01T00:00:00Z"), side, side)).toList();
        io.cutover.core.rowcount.RowPrecount precount = new io.cutover.core.rowcount.RowPrecount("orders-db-1", NOW,
                3600, true, "2026-11-01 00:00:00+00 / never reset", "2026-11-02 00:00:00+00 / never reset", tables);

        // WHEN written and read back
        String json = Json.write(precount);

        // THEN it is equal, with the bucket by its wire name (the store splits it in parts: PrecountDocuments)
        assertThat(Json.read(json, io.cutover.core.rowcount.RowPrecount.class)).isEqualTo(precount);
        assertThat(Json.MAPPER.readTree(json).at("/tables/0/bucket").asText()).isEqualTo("month");
    }

    @Test
    void readinessVerdict_roundTrips_withChecksAndNotes() throws Exception {
        ReadinessVerdict verdict = new ReadinessVerdict(ReadinessVerdict.Status.NOT_READY, Gate.WRITER, NOW,
                List.of(new CheckLine("task T status", "running", "running", true),
                        new CheckLine("task T CDC latency", "last 3: 9 s, 9 s, 9 s", "<= 5 s", false)),
                List.of("record group w allows weighted writes"));

        String json = Json.write(verdict);

        assertThat(Json.read(json, ReadinessVerdict.class)).isEqualTo(verdict);
        JsonNode tree = Json.MAPPER.readTree(json);
        assertThat(tree.get("status").asText()).isEqualTo("NOT_READY");
        assertThat(tree.get("gate").asText()).isEqualTo("WRITER");
        assertThat(tree.get("checks").get(1).get("passed").asBoolean()).isFalse();
    }

    @Test
    void weightPlan_roundTrips_withTheRecordGroupsItMoves() throws Exception {
        // GIVEN a plan for the reference config's reader shift, with a note
        CutoverConfig config = ConfigFixture.minimal().parse();
        WeightPlan plan = new WeightPlanner(config).readerShift(20,
                Map.of(WRITER, new Weights(50, 50), READER, Weights.allSource()));
        assertThat(plan.notes()).isNotEmpty();

        // WHEN written and read back
        String json = Json.write(plan);
        WeightPlan read = Json.read(json, WeightPlan.class);

        // THEN it is equal, and its no-op flag is written for readers of the stored document
        assertThat(read).isEqualTo(plan);
        JsonNode tree = Json.MAPPER.readTree(json);
        assertThat(tree.get("noOp").asBoolean()).isFalse();
        assertThat(tree.get("changes").get(0).get("group").get("role").asText()).isEqualTo("reader");
        assertThat(tree.get("changes").get(0).get("after")).isEqualTo(Json.MAPPER.readTree("{\"source\":80,\"target\":20}"));
    }

    @Test
    void emptyWeightPlan_roundTrips_asANoOp() {
        WeightPlan plan = new WeightPlan(List.of(), List.of());
        WeightPlan read = Json.read(Json.write(plan), WeightPlan.class);
        assertThat(read).isEqualTo(plan);
        assertThat(read.isNoOp()).isTrue();
    }

    static Stream<WireName> wireNamedConstants() {
        return Stream.of(Bucket.values(), Engine.values(), FenceMode.values(), Mode.values(), RecordRole.values(),
                ReplicationKind.values(), RollbackStrategy.values(), Action.values()).flatMap(Stream::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireNamedConstants")
    void wireNamedEnums_serializeByTheirWireName_andReadBack(WireName constant) {
        String json = Json.write(constant);
        assertThat(json).isEqualTo("\"" + constant.wireName() + "\"");
        assertThat(Json.read(json, ((Enum<?>) constant).getDeclaringClass())).isEqualTo(constant);
    }
}
