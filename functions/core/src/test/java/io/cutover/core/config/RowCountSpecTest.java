package io.cutover.core.config;

import io.cutover.core.fixtures.ConfigFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowCountSpecTest {

    @Test
    void spec_defaultsToMonthlyBuckets_andRejectsUnknownUnits() {
        assertThat(new RowCountSpec("public.orders", "created_at", null).bucket()).isEqualTo(Bucket.MONTH);
        // a unit is a Bucket: one that is not gets no further than the config
        String fortnightly = ConfigFixture.minimal().setJson("rowCounts",
                "[{\"table\": \"public.orders\", \"bucketColumn\": \"created_at\", \"bucket\": \"fortnight\"}]").json();
        assertThatThrownBy(() -> CutoverConfigParser.parse(fortnightly))
                .hasMessageContaining("fortnight");
        assertThatThrownBy(() -> new RowCountSpec("public.orders", null, Bucket.DAY))
                .hasMessageContaining("bucketColumn");
    }
}
