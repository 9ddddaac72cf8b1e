package io.cutover.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.port.db.SequenceAction;
import io.cutover.core.port.db.FedColumnReads;
import io.cutover.core.port.db.SequenceSyncReport;
import io.cutover.core.port.db.SequenceSyncResult;
import io.cutover.postgres.testing.Await;
import io.cutover.postgres.testing.ReplicatedPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sequences found through the replicated tables they feed, in any schema and any case, set past every fed column's
 * largest value; fed columns read only through an index.
 */
@Timeout(120)
class SequenceFeedsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final long BUFFER = 100;
    private static ReplicatedPair pair;
    private static PgSequenceSync sync;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        sync = pair.adapters().sequenceSync();
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    private static List<Identifiers.QualifiedName> tables(String... names) {
        return java.util.Arrays.stream(names).map(Identifiers::parseQualified).toList();
    }

    @Test
    void aSequenceInAnUnlistedMixedCaseSchema_feedingAReplicatedTable_isSynced_pastTheColumnsLargestValue() {
        // GIVEN a sequence in "Billing" (not a configured schema) feeding a table in another schema, and rows with
        // explicit ids far past what the sequence handed out
        String s = ReplicatedPair.unique("shop");
        pair.addSchema("CREATE SCHEMA IF NOT EXISTS \"Billing\"",
                "CREATE SEQUENCE \"Billing\".\"Invoice_No_" + s + "\"",
                "CREATE SCHEMA " + s,
                "CREATE TABLE " + s + ".invoices (no bigint PRIMARY KEY DEFAULT nextval('\"Billing\".\"Invoice_No_"
                        + s + "\"'), note text)");
        pair.executeOnSource("INSERT INTO " + s + ".invoices (note) SELECT 'n' FROM generate_series(1, 3)",
                "INSERT INTO " + s + ".invoices (no, note) VALUES (5000, 'loaded with its own id')");
        Await.until(TIMEOUT, "the rows on the target",
                () -> pair.queryTarget("SELECT count(*) FROM " + s + ".invoices") == 4);

        // WHEN synced with only the table's schema configured
        SequenceSyncReport report = sync.sync(List.of(s), tables(s + ".invoices"), BUFFER, false, TIMEOUT);

        // THEN the sequence was found and set past max(no) = 5000, not just past the source's 3
        SequenceSyncResult seq = SequenceSyncIT.bySequence(report).get("Billing.Invoice_No_" + s);
        assertThat(seq).as("%s", report.sequences()).isNotNull();
        assertThat(seq.action()).isEqualTo(SequenceAction.ADVANCED);
        assertThat(seq.wanted()).isEqualTo(5000 + BUFFER);
        assertThat(pair.queryTarget("SELECT last_value FROM \"Billing\".\"Invoice_No_" + s + "\""))
                .isEqualTo(5000 + BUFFER);
        assertThat(report.problems()).isEmpty();

        // AND never backwards: a second sync leaves it where it is
        SequenceSyncReport again = sync.sync(List.of(s), tables(s + ".invoices"), BUFFER, false, TIMEOUT);
        assertThat(SequenceSyncIT.bySequence(again).get("Billing.Invoice_No_" + s).action()).isEqualTo(SequenceAction.ALREADY_AHEAD);
    }

    @Test
    void afterAPresync_aSyncReadingOnlyTheColumnsFoundPastTheirSequence_stillSetsEverySequencePastItsRowsAndSource() {
        // GIVEN a table whose rows carry explicit ids past its sequence (and a second fed column, read in the same
        // arm), and a table fed by its sequence alone
        String s = ReplicatedPair.unique("presync");
        pair.addSchema("CREATE SCHEMA " + s, "CREATE SEQUENCE " + s + ".ref_seq",
                "CREATE TABLE " + s + ".loaded (id bigserial PRIMARY KEY, ref bigint DEFAULT nextval('" + s
                        + ".ref_seq'))",
                "CREATE INDEX ON " + s + ".loaded (ref)",
                "CREATE TABLE " + s + ".plain (id bigserial PRIMARY KEY)");
        pair.executeOnSource("INSERT INTO " + s + ".loaded (id) VALUES (5000)",
                "INSERT INTO " + s + ".plain SELECT FROM generate_series(1, 3)");
        Await.until(TIMEOUT, "the rows on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s
                + ".plain") == 3 && pair.queryTarget("SELECT count(*) FROM " + s + ".loaded") == 1);
        List<Identifiers.QualifiedName> tables = tables(s + ".loaded", s + ".plain");

        // WHEN pre-synced (every fed column read) ...
        SequenceSyncReport presync = sync.sync(List.of(s), tables, BUFFER, false, TIMEOUT);
        assertThat(presync.fedColumnsRead()).isEqualTo(3);
        assertThat(presync.fedAheadOfSource()).containsExactly(s + ".loaded_id_seq");
        // ... then more rows (one with an explicit id further on), and the sync that reads only the columns found
        // past their sequence
        pair.executeOnSource("INSERT INTO " + s + ".loaded (id) VALUES (7000)",
                "INSERT INTO " + s + ".plain SELECT FROM generate_series(1, 2)");
        Await.until(TIMEOUT, "the new rows on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s
                + ".plain") == 5 && pair.queryTarget("SELECT count(*) FROM " + s + ".loaded") == 2);
        SequenceSyncReport sync2 = sync.sync(List.of(s), tables, BUFFER, false, TIMEOUT,
                FedColumnReads.after(presync));

        // THEN the fed columns came from the pre-sync, not the catalog; the loaded table's column was read again
        // (past 7000), the others not, and the plain table's sequence still moved with its source
        assertThat(sync2.feedsFromPresync()).isTrue();
        assertThat(sync2.fedColumnsRead()).isEqualTo(1);
        assertThat(sync2.fedColumnsSkipped()).isEqualTo(2);
        assertThat(SequenceSyncIT.bySequence(sync2).get(s + ".loaded_id_seq").wanted()).isEqualTo(7000 + BUFFER);
        assertThat(pair.queryTarget("SELECT last_value FROM " + s + ".loaded_id_seq")).isEqualTo(7000 + BUFFER);
        assertThat(pair.queryTarget("SELECT last_value FROM " + s + ".plain_id_seq")).isEqualTo(5 + BUFFER);
        assertThat(pair.queryTarget("SELECT last_value FROM " + s + ".ref_seq")).isEqualTo(2 + BUFFER);
        assertThat(sync2.problems()).isEmpty();
    }

    @Test
    void aSequenceAddedAfterThePresync_makesTheSyncReadTheCatalogAndEveryFedColumnAgain() {
        // GIVEN a pre-synced table, then a new column with its own sequence, filled with explicit values past it
        String s = ReplicatedPair.unique("grown");
        pair.addSchema("CREATE SCHEMA " + s, "CREATE TABLE " + s + ".t (id bigserial PRIMARY KEY)");
        pair.executeOnSource("INSERT INTO " + s + ".t SELECT FROM generate_series(1, 3)");
        Await.until(TIMEOUT, "the rows on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s + ".t") == 3);
        List<Identifiers.QualifiedName> tables = tables(s + ".t");
        SequenceSyncReport presync = sync.sync(List.of(s), tables, BUFFER, false, TIMEOUT);
        assertThat(presync.fedAheadColumns()).isEmpty();
        for (String ddl : List.of("ALTER TABLE " + s + ".t ADD COLUMN ref bigserial",
                "CREATE INDEX ON " + s + ".t (ref)")) {
            pair.executeOnSource(ddl);
            pair.executeOnTarget(ddl);
        }
        pair.executeOnSource("INSERT INTO " + s + ".t (ref) VALUES (9000)");
        Await.until(TIMEOUT, "the new row on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s
                + ".t") == 4);

        // WHEN the sync runs with the pre-sync's knowledge
        SequenceSyncReport after = sync.sync(List.of(s), tables, BUFFER, false, TIMEOUT,
                FedColumnReads.after(presync));

        // THEN the digest told the new sequence apart: the catalog was read, both columns, and the new sequence stands
        // past the explicit value
        assertThat(after.sequencesDigest()).isNotEqualTo(presync.sequencesDigest());
        assertThat(after.feedsFromPresync()).isFalse();
        assertThat(after.fedColumnsRead()).isEqualTo(2);
        assertThat(pair.queryTarget("SELECT last_value FROM " + s + ".t_ref_seq")).isEqualTo(9000 + BUFFER);
        assertThat(after.problems()).isEmpty();
    }

    @Test
    void aColumnThatBeginsTakingValuesFromAnExistingSequence_afterThePresync_makesTheSyncReadEveryFedColumnAgain() {
        // GIVEN a pre-synced table and a free-standing sequence in another schema, then a column of the table given a
        // default from that sequence, with an explicit value past it
        String s = ReplicatedPair.unique("redefault");
        String other = ReplicatedPair.unique("numbers");
        pair.addSchema("CREATE SCHEMA " + s, "CREATE SCHEMA " + other, "CREATE SEQUENCE " + other + ".invoice_seq",
                "CREATE TABLE " + s + ".t (id bigserial PRIMARY KEY, invoice bigint)",
                "CREATE INDEX ON " + s + ".t (invoice)");
        List<Identifiers.QualifiedName> tables = tables(s + ".t");
        SequenceSyncReport presync = sync.sync(List.of(s), tables, BUFFER, false, TIMEOUT);
        String ddl = "ALTER TABLE " + s + ".t ALTER COLUMN invoice SET DEFAULT nextval('" + other + ".invoice_seq')";
        pair.executeOnSource(ddl);
        pair.executeOnTarget(ddl);
        pair.executeOnSource("INSERT INTO " + s + ".t (invoice) VALUES (8000)");
        Await.until(TIMEOUT, "the row on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s + ".t") == 1);

        // WHEN the sync runs with the pre-sync's knowledge
        SequenceSyncReport after = sync.sync(List.of(s), tables, BUFFER, false, TIMEOUT,
                FedColumnReads.after(presync));

        // THEN the new dependency changed the digest: the catalog was read, and the other schema's sequence, now
        // feeding the column, stands past the explicit value on the target
        assertThat(after.feedsFromPresync()).isFalse();
        assertThat(after.schemas()).contains(other);
        assertThat(pair.queryTarget("SELECT last_value FROM " + other + ".invoice_seq")).isEqualTo(8000 + BUFFER);
        assertThat(after.problems()).isEmpty();
    }

    @Test
    void theSourcesValue_winsWhenItIsAheadOfTheRows_andIdentityColumnsAreFedToo() {
        String s = ReplicatedPair.unique("ident");
        pair.addSchema("CREATE SCHEMA " + s,
                "CREATE TABLE " + s + ".t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text)");
        pair.executeOnSource("INSERT INTO " + s + ".t (note) SELECT 'n' FROM generate_series(1, 4)",
                "SELECT nextval(pg_get_serial_sequence('" + s + ".t', 'id')) FROM generate_series(1, 20)");
        Await.until(TIMEOUT, "the rows on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s + ".t") == 4);

        SequenceSyncReport report = sync.sync(List.of(), tables(s + ".t"), BUFFER, false, TIMEOUT);

        SequenceSyncResult seq = SequenceSyncIT.bySequence(report).get(s + ".t_id_seq");
        assertThat(seq.identity()).isTrue();
        assertThat(seq.wanted()).isEqualTo(24 + BUFFER);
    }

    @Test
    void aFedColumnWithoutALeadingIndex_isColumnUnreadable_andNothingIsScannedOrSet() {
        // GIVEN a sequence feeding a column that is not the first key of any btree index
        String s = ReplicatedPair.unique("noidx");
        pair.addSchema("CREATE SCHEMA " + s, "CREATE SEQUENCE " + s + ".ref_seq",
                "CREATE TABLE " + s + ".t (id int PRIMARY KEY, ref bigint DEFAULT nextval('" + s + ".ref_seq'))",
                "CREATE INDEX ON " + s + ".t (id, ref)");
        pair.executeOnSource("INSERT INTO " + s + ".t (id) VALUES (1), (2)");
        Await.until(TIMEOUT, "the rows on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s + ".t") == 2);
        long before = pair.queryTarget("SELECT last_value FROM " + s + ".ref_seq");

        SequenceSyncReport report = sync.sync(List.of(), tables(s + ".t"), BUFFER, false, TIMEOUT);

        assertThat(SequenceSyncIT.bySequence(report).get(s + ".ref_seq").action()).isEqualTo(SequenceAction.COLUMN_UNREADABLE);
        assertThat(report.problems()).singleElement().asString().contains(s + ".t.ref", "no leading btree index");
        assertThat(pair.queryTarget("SELECT last_value FROM " + s + ".ref_seq")).isEqualTo(before);
        // AND the same column is what preflight refuses, on either side
        assertThat(new PgSequenceFeeds(pair.sourceAdmin()).unindexed(tables(s + ".t"), TIMEOUT))
                .containsExactly(s + ".t.ref");
    }

    @Test
    void aFedColumnTheSyncCannotRead_isColumnUnreadable() {
        String s = ReplicatedPair.unique("text");
        pair.addSchema("CREATE SCHEMA " + s, "CREATE SEQUENCE " + s + ".code_seq",
                "CREATE TABLE " + s + ".t (code text PRIMARY KEY DEFAULT 'C' || nextval('" + s + ".code_seq'))");
        pair.executeOnSource("INSERT INTO " + s + ".t DEFAULT VALUES");
        Await.until(TIMEOUT, "the rows on the target", () -> pair.queryTarget("SELECT count(*) FROM " + s + ".t") == 1);

        SequenceSyncReport report = sync.sync(List.of(), tables(s + ".t"), BUFFER, false, TIMEOUT);

        SequenceSyncResult seq = SequenceSyncIT.bySequence(report).get(s + ".code_seq");
        assertThat(seq.action()).isEqualTo(SequenceAction.COLUMN_UNREADABLE);
        assertThat(seq.detail()).contains(s + ".t.code", "could not be read");
    }

    @Test
    void feeds_findDefaultsSerialAndIdentity_onlyForTheGivenTables() {
        String s = ReplicatedPair.unique("feeds");
        pair.addSchema("CREATE SCHEMA " + s, "CREATE SEQUENCE " + s + ".free",
                "CREATE TABLE " + s + ".a (id bigserial PRIMARY KEY, n bigint DEFAULT nextval('" + s + ".free'))",
                "CREATE TABLE " + s + ".b (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY)");

        List<PgSequenceFeeds.Feed> feeds = new PgSequenceFeeds(pair.sourceAdmin()).feeds(tables(s + ".a"), TIMEOUT);

        assertThat(feeds).extracting(f -> f.sequence().name() + "->" + f.column() + (f.indexed() ? "" : " unindexed"))
                .containsExactly("a_id_seq->id", "free->n unindexed");
    }
}
