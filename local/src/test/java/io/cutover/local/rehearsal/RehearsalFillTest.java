package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RehearsalFillTest {
    @Test
    void rowsOutsideTheAllowedRange_areRefusedNamingTheOptionAndTheRange() {
        // WHEN / THEN a negative count and one over the maximum are refused, before any server starts
        assertThatThrownBy(() -> RehearsalOptions.defaults().withRows(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rows: -1 is outside 0.." + RehearsalOptions.MAX_ROWS);
        assertThatThrownBy(() -> RehearsalOptions.defaults().withRows(RehearsalOptions.MAX_ROWS + 1))
                .hasMessageContaining("--rows: " + (RehearsalOptions.MAX_ROWS + 1) + " is outside");
        assertThat(RehearsalOptions.defaults().withRows(RehearsalOptions.MAX_ROWS).rows())
                .isEqualTo(RehearsalOptions.MAX_ROWS);
    }

    @Test
    void theRowsAreSharedByTheBigTables_remainderOnTheFirst_andInsertedInChunks() {
        // GIVEN an uneven count larger than one chunk
        RehearsalFill fill = new RehearsalFill(4 * RehearsalFill.CHUNK + 3);

        // WHEN / THEN every row is in one table, and table 1 takes two chunks
        assertThat(IntStream.rangeClosed(1, RehearsalFill.BIG_TABLES).mapToLong(fill::rowsOf).sum())
                .isEqualTo(fill.rows());
        assertThat(fill.rowsOf(1)).isEqualTo(RehearsalFill.CHUNK + 3);
        assertThat(fill.inserts(1)).hasSize(2);
        assertThat(fill.inserts(1).get(1)).contains("generate_series(" + (RehearsalFill.CHUNK + 1) + ", "
                + (RehearsalFill.CHUNK + 3) + ")");
        assertThat(fill.inserts(2)).hasSize(1);
    }

    @Test
    void theBigTablesAreCountedPerDay_andNoOtherTableIs() {
        assertThat(RehearsalFill.isBigTable(RehearsalFill.bigTable(3))).isTrue();
        assertThat(RehearsalFill.isBigTable(RehearsalFill.ledgerTable(3))).isFalse();
        assertThat(RehearsalFill.isBigTable("public.orders")).isFalse();
    }

    @Test
    void eachLedgerHasOneOwnedSequenceAndOneIndexPerColumn() {
        // WHEN a ledger's DDL is built
        String ddl = RehearsalFill.ledgerDdl(7);

        // THEN 100 sequences, each owned by its column, and 99 indexes besides the primary key
        assertThat(ddl.split("CREATE SEQUENCE ", -1)).hasSize(RehearsalFill.SEQUENCES_PER_LEDGER + 1);
        assertThat(ddl.split(" OWNED BY ", -1)).hasSize(RehearsalFill.SEQUENCES_PER_LEDGER + 1);
        assertThat(ddl.split("CREATE INDEX ", -1)).hasSize(RehearsalFill.SEQUENCES_PER_LEDGER);
        assertThat(ddl).contains("c001 bigint NOT NULL DEFAULT nextval('rehearsal_fill.ledger_07_c001_seq') PRIMARY KEY");
    }
}
