package io.cutover.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtlLoweringTest {
    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00.250Z");

    private static Map<String, Long> held(Object... groupAndTtl) {
        Map<String, Long> held = new LinkedHashMap<>();
        for (int i = 0; i < groupAndTtl.length; i += 2) {
            held.put((String) groupAndTtl[i], groupAndTtl[i + 1] == null ? null : ((Number) groupAndTtl[i + 1]).longValue());
        }
        return held;
    }

    @Test
    void plan_lowersEveryGroupAboveTheCutoverTtl_andLeavesTheOthersWithTheirReason() {
        // GIVEN a writer at 300 s, a reader already at 5 s, one at 2 s and an alias group
        Map<String, Long> held = held("writer", 300, "reader", 5, "reader-2", 2, "alias", null);

        // WHEN planned for 5 s
        TtlLowering lowering = TtlLowering.plan(5, held, NOW);

        // THEN only the writer is lowered; the others are a no-op that says why
        assertThat(lowering.loweredGroups()).extracting(GroupTtl::group).containsExactly("writer");
        assertThat(lowering.group("reader")).get().satisfies(g -> {
            assertThat(g.lowered()).isFalse();
            assertThat(g.reason()).contains("already at or below dns.cutoverTtlSeconds 5 s");
        });
        assertThat(lowering.group("reader-2").orElseThrow().lowered()).isFalse();
        assertThat(lowering.group("alias").orElseThrow().reason()).contains("alias");
        assertThat(lowering.originals()).containsExactly(Map.entry("writer", 300L));
    }

    @Test
    void cachesExpire_theLongestLoweredTtlAfterTheInSync_roundedUpToTheSecond() {
        TtlLowering lowering = TtlLowering.plan(5, held("writer", 300, "reader", 60, "low", 1), NOW);

        TtlLowering inSync = lowering.inSyncAt(NOW.plusSeconds(20));

        // 10:00:20.250 + 300 s = 10:05:20.250, waited until 10:05:21
        assertThat(inSync.cachesExpireAt()).isEqualTo(Instant.parse("2030-01-01T10:05:21Z"));
        assertThat(inSync.cachesExpireAt().toString()).isEqualTo("2030-01-01T10:05:21Z");
    }

    @Test
    void nothingLowered_meansNothingToWaitFor() {
        TtlLowering lowering = TtlLowering.plan(60, held("writer", 30, "reader", 60), NOW);

        assertThat(lowering.loweredGroups()).isEmpty();
        assertThat(lowering.longestLoweredTtl()).isZero();
        assertThat(lowering.inSyncAt(Instant.parse("2030-01-01T10:00:03Z")).cachesExpireAt())
                .isEqualTo(Instant.parse("2030-01-01T10:00:03Z"));
    }

    @Test
    void restored_isRecorded_andTheOriginalsStayAsRead() {
        TtlLowering lowering = TtlLowering.plan(5, held("writer", 300), NOW).inSyncAt(NOW);

        TtlLowering restored = lowering.restoredAt(NOW.plusSeconds(600));

        assertThat(lowering.restored()).isFalse();
        assertThat(restored.restored()).isTrue();
        assertThat(restored.originals()).containsExactly(Map.entry("writer", 300L));
    }

    @Test
    void storedDocument_readsBackAsWritten() {
        TtlLowering lowering = TtlLowering.plan(5, held("writer", 300, "alias", null), NOW).inSyncAt(NOW);

        TtlLowering read = Json.read(Json.write(lowering), TtlLowering.class);

        assertThat(read).isEqualTo(lowering);
    }

    @Test
    void anAliasGroup_cannotBeMarkedLowered() {
        assertThatThrownBy(() -> new GroupTtl("alias", null, true, "lowered"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alias");
    }
}
