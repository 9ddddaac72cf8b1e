package io.cutover.local.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.local.dms.TestDecoding.Begin;
import io.cutover.local.dms.TestDecoding.Change;
import io.cutover.local.dms.TestDecoding.Column;
import io.cutover.local.dms.TestDecoding.Commit;
import io.cutover.local.dms.TestDecoding.Kind;
import io.cutover.local.dms.TestDecoding.TableName;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestDecodingTest {

    @Test
    void beginAndCommit_giveTheXid_andTheCommitTimeInUtc() {
        assertThat(TestDecoding.parse("BEGIN 742")).isEqualTo(new Begin(742));
        assertThat(TestDecoding.parse("COMMIT 742 (at 2026-12-02 13:40:00.123456+00)"))
                .isEqualTo(new Commit(742, Instant.parse("2026-12-02T13:40:00.123456Z")));
        assertThat(TestDecoding.parse("COMMIT 9 (at 2026-12-02 15:10:00+01:30)"))
                .isEqualTo(new Commit(9, Instant.parse("2026-12-02T13:40:00Z")));
        assertThat(TestDecoding.parse("COMMIT")).isEqualTo(new Commit(0, null));
    }

    @Test
    void insert_readsQuotedTextWithDoubledQuotes_bareNumbersAndBooleans_andNull() {
        Change c = (Change) TestDecoding.parse("table public.orders: INSERT: id[integer]:1 note[text]:'it''s a b'"
                + " paid[boolean]:true total[numeric(10,2)]:12.50 gone[text]:null");

        assertThat(c.kind()).isEqualTo(Kind.INSERT);
        assertThat(c.table()).isEqualTo(new TableName("public", "orders"));
        assertThat(c.oldKey()).isEmpty();
        assertThat(c.columns()).containsExactly(
                new Column("id", "integer", "1", false),
                new Column("note", "text", "it's a b", false),
                new Column("paid", "boolean", "true", false),
                new Column("total", "numeric(10,2)", "12.50", false),
                new Column("gone", "text", null, false));
    }

    @Test
    void quotedNames_arrayTypes_andTypesWithSpaces_areReadWhole() {
        Change c = (Change) TestDecoding.parse("table \"My Schema\".\"Order \"\"Lines\"\"\": INSERT:"
                + " \"Tags\"[text[]]:'{a,b}' at[timestamp with time zone]:'2026-12-02 13:40:00+00' flags[bit(3)]:B'101'");

        assertThat(c.table()).isEqualTo(new TableName("My Schema", "Order \"Lines\""));
        assertThat(c.columns()).containsExactly(
                new Column("Tags", "text[]", "{a,b}", false),
                new Column("at", "timestamp with time zone", "2026-12-02 13:40:00+00", false),
                new Column("flags", "bit(3)", "101", false));
    }

    @Test
    void update_withAChangedKey_givesTheOldKeyAndTheNewTuple_andMarksUnchangedToast() {
        Change c = (Change) TestDecoding.parse("table public.orders: UPDATE: old-key: id[integer]:1 new-tuple:"
                + " id[integer]:2 body[text]:unchanged-toast-datum");

        assertThat(c.kind()).isEqualTo(Kind.UPDATE);
        assertThat(c.oldKey()).containsExactly(new Column("id", "integer", "1", false));
        assertThat(c.columns()).containsExactly(new Column("id", "integer", "2", false),
                new Column("body", "text", null, true));
    }

    @Test
    void deleteAndTruncate_giveTheKey_andEveryTruncatedTable() {
        Change delete = (Change) TestDecoding.parse("table public.orders: DELETE: id[integer]:2");
        Change noKey = (Change) TestDecoding.parse("table public.log: DELETE: (no-tuple-data)");
        Change truncate = (Change) TestDecoding.parse("table public.a, app.b: TRUNCATE: restart_seqs cascade");

        assertThat(delete.columns()).containsExactly(new Column("id", "integer", "2", false));
        assertThat(noKey.columns()).isEmpty();
        assertThat(truncate.kind()).isEqualTo(Kind.TRUNCATE);
        assertThat(truncate.tables()).containsExactly(new TableName("public", "a"), new TableName("app", "b"));
    }

    @Test
    void logicalMessages_areReadWithTheirPrefixAndContent() {
        assertThat(TestDecoding.parse("message: transactional: 1 prefix: cutover, sz: 5 content:fence"))
                .isEqualTo(new TestDecoding.LogicalMessage(true, "cutover", "fence"));
        assertThat(TestDecoding.parse("message: transactional: 0 prefix: app, sz: 3 content:a b"))
                .isEqualTo(new TestDecoding.LogicalMessage(false, "app", "a b"));
    }

    @Test
    void textThatIsNotPluginOutput_isRefusedNamingWhereItBroke() {
        assertThatThrownBy(() -> TestDecoding.parse("logical: x")).hasMessageContaining("not test_decoding output");
        assertThatThrownBy(() -> TestDecoding.parse("message: transactional: 1 prefix: x")).hasMessageContaining(
                "not a test_decoding message line");
        assertThatThrownBy(() -> TestDecoding.parse("table public.orders: MERGE: id[integer]:1"))
                .hasMessageContaining("expected an INSERT, UPDATE, DELETE or TRUNCATE");
        assertThatThrownBy(() -> TestDecoding.parse("table public.orders: INSERT: note[text]:'open"))
                .hasMessageContaining("expected a closing '");
    }
}
