package io.cutover.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.Bucket;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.core.rowcount.SidePrecount;
import io.cutover.core.rowcount.TableActivity;
import io.cutover.core.rowcount.TablePrecount;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.PrecountDocuments;
import io.cutover.local.adapters.EffectLog;
import io.cutover.local.adapters.LocalKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PrecountRows' record in the store: in parts that each fit Parameter Store's 8 KB, read back whole or not at all. */
class PrecountDocumentsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    private final LocalKeyValueStore kv = new LocalKeyValueStore(new EffectLog(Clock.systemUTC()));
    private final CutoverStore store = new CutoverStore(kv, "orders-db");
    private final PrecountDocuments documents = new PrecountDocuments(store);

    private static RowPrecount precount(String execution, int tables) {
        SidePrecount side = new SidePrecount(new TableActivity(123_456_789L, 1_234_567L, 0, "16384:16390"),
                98_765_432L, "9223372036854775807123", 12_345L);
        return new RowPrecount(execution, NOW, 3600, true, "epoch-s", "epoch-t", IntStream.range(0, tables)
                .mapToObj(i -> new TablePrecount("sales.order_lines_" + i, "created_at", Bucket.MONTH,
                        Instant.parse("2026-12-01T00:00:00Z"), side, side)).toList());
    }

    @Test
    void aPrecountOfManyTables_isStoredInPartsThatEachFit_andReadBackWhole() {
        RowPrecount p = precount("orders-db-1", 60);

        int parts = documents.save(p);

        assertThat(parts).isGreaterThan(1);
        kv.documents("orders-db").forEach((name, json) ->
                assertThat(json.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(8192));
        assertThat(documents.load("orders-db-1")).contains(p);
    }

    @Test
    void anotherExecutionsPrecount_aForgottenOne_orAMissingPart_isNoPrecount() {
        documents.save(precount("orders-db-1", 60));
        assertThat(documents.load("orders-db-2")).isEmpty();

        kv.delete("orders-db", "row-precount-2");
        assertThat(documents.load("orders-db-1")).isEmpty();

        documents.save(precount("orders-db-1", 3));
        assertThat(documents.load("orders-db-1")).map(RowPrecount::tables).get().asList().hasSize(3);
        documents.forget();
        assertThat(documents.load("orders-db-1")).isEmpty();
    }

    @Test
    void aPrecountWithoutTables_isStoredAsOneEmptyPart() {
        RowPrecount empty = new RowPrecount("orders-db-1", NOW, 3600, false, "e", "e", List.of());
        assertThat(documents.save(empty)).isEqualTo(1);
        assertThat(documents.load("orders-db-1")).contains(empty);
    }
}
