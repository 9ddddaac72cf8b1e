package io.cutover.postgres;

import io.cutover.core.port.db.BucketCount;
import io.cutover.core.port.db.TableRowCount;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowCountCompareTest {

    @Test
    void compare_listsEveryBucketThatDiffers_includingBucketsOnOneSideOnly() {
        PgRowCountVerifier.SideCount source = new PgRowCountVerifier.SideCount(
                Map.of("2025-01-01T00:00:00", 10L, "2025-02-01T00:00:00", 5L), null);
        PgRowCountVerifier.SideCount target = new PgRowCountVerifier.SideCount(
                Map.of("2025-01-01T00:00:00", 10L, "2025-03-01T00:00:00", 5L), null);

        TableRowCount r = PgRowCountVerifier.compare("public.orders", source, target);

        // equal totals do not hide a row in the wrong month
        assertThat(r.sourceRows()).isEqualTo(r.targetRows());
        assertThat(r.matches()).isFalse();
        assertThat(r.mismatchedBuckets()).containsExactly(
                new BucketCount("2025-02-01T00:00:00", 5, 0),
                new BucketCount("2025-03-01T00:00:00", 0, 5));
    }

    @Test
    void compare_carriesEachSidesProblem() {
        PgRowCountVerifier.SideCount ok = new PgRowCountVerifier.SideCount(Map.of("", 3L), null);
        PgRowCountVerifier.SideCount missing = new PgRowCountVerifier.SideCount(Map.of(), "table missing");

        TableRowCount r = PgRowCountVerifier.compare("public.t", ok, missing);

        assertThat(r.matches()).isFalse();
        assertThat(r.sourceRows()).isEqualTo(3);
        assertThat(r.targetRows()).isNull();
        assertThat(r.problem()).isEqualTo("target: table missing");
    }
}
