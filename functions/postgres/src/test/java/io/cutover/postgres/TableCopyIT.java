package io.cutover.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.TableCopyReport;
import io.cutover.core.port.db.TableCopyResult;
import io.cutover.postgres.testing.ReplicatedPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PgTableCopy on two real servers, target onto source as the rollback uses it for tables the reverse DMS task left
 * behind: the source's table ends equal to the target's by primary key, in one source transaction for every table.
 * (The pair's FOR ALL TABLES subscription never learns of these tables, as nothing refreshes it, so what each side
 * holds is what the test wrote there.)
 */
@Timeout(120)
class TableCopyIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static ReplicatedPair pair;
    private static PgTableCopy copy;

    @BeforeAll
    static void startPair() {
        pair = ReplicatedPair.start();
        copy = new PgTableCopy(pair.targetAdmin(), pair.sourceAdmin());
    }

    @AfterAll
    static void stopPair() {
        if (pair != null) {
            pair.close();
        }
    }

    /** A mixed-case schema and table with an identity key, a json column and a generated column. */
    private static String createTable(String schema) {
        pair.executeOnBoth("CREATE SCHEMA \"" + schema + "\"",
                "CREATE TABLE \"" + schema + "\".\"Order Lines\" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " note text, doc json, doubled bigint GENERATED ALWAYS AS (id * 2) STORED)");
        return "\"" + schema + "\".\"Order Lines\"";
    }

    private static String rows(boolean source, String table) {
        String sql = "SELECT string_agg(id || ':' || coalesce(note, '-') || ':' || coalesce(doc::text, '-') || ':'"
                + " || doubled, ',' ORDER BY id) FROM " + table;
        List<String> out = source ? pair.sourceStrings(sql) : pair.targetStrings(sql);
        return out.get(0);
    }

    @Test
    void aTableThatDiffers_isMadeEqualByPrimaryKey_insertingUpdatingAndDeleting_andARepeatChangesNothing() {
        // GIVEN a table the target holds five rows of, and the source three: one differing, one equal, one extra
        String schema = ReplicatedPair.unique("Sales");
        String table = createTable(schema);
        pair.executeOnTarget("INSERT INTO " + table + " (id, note, doc) OVERRIDING SYSTEM VALUE"
                + " SELECT g, 'n' || g, json_build_object('g', g) FROM generate_series(1, 5) g");
        pair.executeOnSource("INSERT INTO " + table + " (id, note, doc) OVERRIDING SYSTEM VALUE VALUES"
                + " (2, 'old', '{\"g\": 0}'), (3, 'n3', json_build_object('g', 3)), (9, 'only on the source', NULL)");

        // WHEN it is copied, named as DMS names it (schema.table, case kept, unquoted)
        TableCopyReport report = copy.copy(List.of(schema + ".Order Lines"), TIMEOUT);

        // THEN the source holds exactly the target's rows, generated column computed, and the report says how
        assertThat(rows(true, table)).isEqualTo(rows(false, table));
        assertThat(report.tables()).singleElement().isEqualTo(new TableCopyResult(schema + ".Order Lines", 5,
                3, 1, 1));

        // AND a second copy finds nothing to change
        TableCopyReport again = copy.copy(List.of(schema + ".Order Lines"), TIMEOUT);
        assertThat(again.tables()).singleElement().isEqualTo(new TableCopyResult(schema + ".Order Lines", 5,
                0, 0, 0));
    }

    @Test
    void aTableACheckOnTheSourceRefuses_failsTheCopy_andLeavesEveryTableAsItWas() {
        // GIVEN two tables to copy; the second holds a row the source's own constraint refuses
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".a_first (id int PRIMARY KEY, v text)",
                "CREATE TABLE " + schema + ".b_second (id int PRIMARY KEY, v int)");
        pair.executeOnSource("ALTER TABLE " + schema + ".b_second ADD CONSTRAINT small CHECK (v < 10)");
        pair.executeOnTarget("INSERT INTO " + schema + ".a_first VALUES (1, 'target')",
                "INSERT INTO " + schema + ".b_second VALUES (1, 99)");
        pair.executeOnSource("INSERT INTO " + schema + ".a_first VALUES (1, 'source')");

        // WHEN both are copied THEN the copy fails, naming the constraint
        assertThatThrownBy(() -> copy.copy(List.of(schema + ".b_second", schema + ".a_first"), TIMEOUT))
                .isInstanceOf(DatabaseStepException.class).hasMessageContaining("small");
        // AND the first table, copied before the failure, was rolled back with it
        assertThat(pair.sourceStrings("SELECT v FROM " + schema + ".a_first")).containsExactly("source");
        assertThat(pair.querySource("SELECT count(*) FROM " + schema + ".b_second")).isZero();
    }

    @Test
    void tablesLinkedByAForeignKey_areCopiedTogether_deletingChildrenFirstAndInsertingParentsFirst() {
        // GIVEN a parent whose rows changed on the target (one deleted with its child, one added with a child), and
        // names that sort the child first
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".z_parent (id int PRIMARY KEY)",
                "CREATE TABLE " + schema + ".a_child (id int PRIMARY KEY,"
                        + " parent int NOT NULL REFERENCES " + schema + ".z_parent (id))",
                "INSERT INTO " + schema + ".z_parent VALUES (1), (2)",
                "INSERT INTO " + schema + ".a_child VALUES (10, 1), (20, 2)");
        pair.executeOnTarget("DELETE FROM " + schema + ".a_child WHERE parent = 2",
                "DELETE FROM " + schema + ".z_parent WHERE id = 2",
                "INSERT INTO " + schema + ".z_parent VALUES (3)", "INSERT INTO " + schema + ".a_child VALUES (30, 3)");

        // WHEN both are copied
        TableCopyReport report = copy.copy(List.of(schema + ".a_child", schema + ".z_parent"), TIMEOUT);

        // THEN the foreign key held throughout and the source holds the target's rows
        assertThat(report.tables()).extracting(TableCopyResult::table)
                .containsExactly(schema + ".z_parent", schema + ".a_child");
        assertThat(pair.sourceStrings("SELECT string_agg(id || '>' || parent, ',' ORDER BY id) FROM " + schema
                + ".a_child")).containsExactly("10>1,30>3");
        assertThat(pair.sourceStrings("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + schema + ".z_parent"))
                .containsExactly("1,3");
    }

    @Test
    void aChildMovedOffAParentTheTargetDeleted_isCopied_upsertsBeforeDeletes() {
        // GIVEN on the target child 20 moved from parent 2 to parent 1 and parent 2 deleted, and in a self-referencing
        // table node 2 moved under node 1 and node 3, its old parent, deleted
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".parent (id int PRIMARY KEY)",
                "CREATE TABLE " + schema + ".child (id int PRIMARY KEY, parent int NOT NULL REFERENCES " + schema
                        + ".parent (id))",
                "CREATE TABLE " + schema + ".node (id int PRIMARY KEY, up int REFERENCES " + schema + ".node (id))",
                "INSERT INTO " + schema + ".parent VALUES (1), (2)",
                "INSERT INTO " + schema + ".child VALUES (10, 1), (20, 2)",
                "INSERT INTO " + schema + ".node VALUES (1, NULL), (3, NULL), (2, 3)");
        pair.executeOnTarget("UPDATE " + schema + ".child SET parent = 1 WHERE id = 20",
                "DELETE FROM " + schema + ".parent WHERE id = 2",
                "UPDATE " + schema + ".node SET up = 1 WHERE id = 2", "DELETE FROM " + schema + ".node WHERE id = 3");

        // WHEN the three are copied (deletes first is refused by the keys; upserts first is not)
        TableCopyReport report = copy.copy(List.of(schema + ".parent", schema + ".child", schema + ".node"), TIMEOUT);

        // THEN the source holds the target's rows
        assertThat(report.tables()).hasSize(3);
        assertThat(pair.sourceStrings("SELECT string_agg(id || '>' || parent, ',' ORDER BY id) FROM " + schema
                + ".child")).containsExactly("10>1,20>1");
        assertThat(pair.sourceStrings("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + schema + ".parent"))
                .containsExactly("1");
        assertThat(pair.sourceStrings("SELECT string_agg(id || '>' || coalesce(up::text, '-'), ',' ORDER BY id) FROM "
                + schema + ".node")).containsExactly("1>-,2>1");
    }

    @Test
    void aUniqueValueARowTookOverFromADeletedOne_isCopied_deletesBeforeUpserts() {
        // GIVEN on the target row 1 (code 'x') deleted and row 2 given code 'x'
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".t (id int PRIMARY KEY, code text NOT NULL UNIQUE)",
                "INSERT INTO " + schema + ".t VALUES (1, 'x'), (2, 'y')");
        pair.executeOnTarget("DELETE FROM " + schema + ".t WHERE id = 1",
                "UPDATE " + schema + ".t SET code = 'x' WHERE id = 2");

        // WHEN it is copied THEN the source holds the target's row
        assertThat(copy.copy(List.of(schema + ".t"), TIMEOUT).tables()).singleElement()
                .isEqualTo(new TableCopyResult(schema + ".t", 1, 0, 1, 1));
        assertThat(pair.sourceStrings("SELECT string_agg(id || code, ',' ORDER BY id) FROM " + schema + ".t"))
                .containsExactly("2x");
    }

    @Test
    void datesIntervalsAndFloats_readTheSame_whateverEachDatabaseSpellsThemAs() {
        // GIVEN the target's sessions spell dates day first and intervals the SQL-standard way, and print floats short
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".t (id int PRIMARY KEY, d date, i interval, f float8)");
        pair.executeOnTarget("INSERT INTO " + schema + ".t VALUES (1, '2026-03-04', '1 year 2 mons 3 days 04:05:06',"
                + " 0.1::float8 + 0.2::float8)", "ALTER DATABASE app SET DateStyle = 'SQL, DMY'",
                "ALTER DATABASE app SET IntervalStyle = 'sql_standard'", "ALTER DATABASE app SET extra_float_digits = 0");
        try {
            // WHEN it is copied
            copy.copy(List.of(schema + ".t"), TIMEOUT);
        } finally {
            pair.executeOnTarget("ALTER DATABASE app RESET DateStyle", "ALTER DATABASE app RESET IntervalStyle",
                    "ALTER DATABASE app RESET extra_float_digits");
        }

        // THEN the source has the very values
        String sql = "SELECT d::text || ' ' || i::text || ' ' || (f = 0.1::float8 + 0.2::float8) FROM " + schema + ".t";
        assertThat(pair.sourceStrings(sql)).containsExactly("2026-03-04 1 year 2 mons 3 days 04:05:06 true");
    }

    @Test
    void anAlwaysIdentityColumnOutsideTheKey_andAKeyIndexWithIncludedColumns_areCopied() {
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".t (code text, n bigint GENERATED ALWAYS AS IDENTITY, v text,"
                        + " CONSTRAINT t_pk PRIMARY KEY (code) INCLUDE (v))");
        pair.executeOnTarget("INSERT INTO " + schema + ".t (code, n, v) OVERRIDING SYSTEM VALUE VALUES"
                + " ('a', 1, 'new'), ('b', 2, 'b')");
        pair.executeOnSource("INSERT INTO " + schema + ".t (code, n, v) OVERRIDING SYSTEM VALUE VALUES"
                + " ('a', 1, 'old')");

        TableCopyReport report = copy.copy(List.of(schema + ".t"), TIMEOUT);

        assertThat(report.tables()).singleElement().isEqualTo(new TableCopyResult(schema + ".t", 2, 1, 1, 0));
        assertThat(pair.sourceStrings("SELECT string_agg(code || n || v, ',' ORDER BY code) FROM " + schema + ".t"))
                .containsExactly("a1new,b2b");
    }

    @Test
    void aTableWithInheritanceChildren_isRefused_andChangesNothing() {
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".base (id int PRIMARY KEY)",
                "CREATE TABLE " + schema + ".kid () INHERITS (" + schema + ".base)");
        pair.executeOnTarget("INSERT INTO " + schema + ".kid VALUES (1)");

        assertThat(copy.problems(List.of(schema + ".base"), TIMEOUT)).singleElement().asString()
                .contains("inheritance children");
        assertThatThrownBy(() -> copy.copy(List.of(schema + ".base"), TIMEOUT))
                .isInstanceOf(DatabaseStepException.class).hasMessageContaining("inheritance children");
        assertThat(pair.querySource("SELECT count(*) FROM " + schema + ".base")).isZero();
    }

    @Test
    void aTableWithoutAPrimaryKey_orWithOtherColumns_isRefusedBeforeAnythingIsWritten() {
        String schema = ReplicatedPair.unique("repair");
        pair.executeOnBoth("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".keyed (id int PRIMARY KEY, v text)",
                "CREATE TABLE " + schema + ".unkeyed (v text)");
        pair.executeOnTarget("ALTER TABLE " + schema + ".keyed ADD COLUMN extra int",
                "INSERT INTO " + schema + ".unkeyed VALUES ('x')");

        assertThatThrownBy(() -> copy.copy(List.of(schema + ".unkeyed"), TIMEOUT))
                .isInstanceOf(DatabaseStepException.class).hasMessageContaining("no primary key");
        assertThatThrownBy(() -> copy.copy(List.of(schema + ".keyed"), TIMEOUT))
                .isInstanceOf(DatabaseStepException.class).hasMessageContaining("extra");
        assertThatThrownBy(() -> copy.copy(List.of(schema + ".missing"), TIMEOUT))
                .isInstanceOf(DatabaseStepException.class).hasMessageContaining("not found");
        assertThat(copy.problems(List.of(schema + ".unkeyed", schema + ".keyed", schema + ".missing"), TIMEOUT))
                .hasSize(3);
        assertThat(pair.querySource("SELECT count(*) FROM " + schema + ".unkeyed")).isZero();
    }
}
