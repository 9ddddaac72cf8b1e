package io.cutover.core.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.config.NativeLadder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeHealthTest {
    @ParameterizedTest(name = "{0} B, {1} s, active={2}, inactive {3} s -> {4}")
    @CsvSource({
            // healthy: below 1 KB and below 1 s, slot active
            "0, 0, true, 0, HEALTHY",
            "1023, 0.999, true, 0, HEALTHY",
            "0, 0, true, 100000, HEALTHY",
            // 1 KB or 1 s is no longer healthy
            "1024, 0, true, 0, WARNING",
            "0, 1, true, 0, WARNING",
            // warning: below 10 MB and below 30 s
            "10485759, 29.999, true, 0, WARNING",
            "10485760, 0, true, 0, DEGRADED",
            "0, 30, true, 0, DEGRADED",
            // critical only strictly above 100 MB or 60 s
            "104857600, 0, true, 0, DEGRADED",
            "104857601, 0, true, 0, CRITICAL",
            "0, 60, true, 0, DEGRADED",
            "0, 60.001, true, 0, CRITICAL",
            // an inactive slot is never healthy, and critical after more than 60 s
            "0, 0, false, 0, WARNING",
            "0, 0, false, 60, WARNING",
            "0, 0, false, 61, CRITICAL",
            "20971520, 0, false, 10, DEGRADED",
    })
    void of_placesTheSlotOnTheLadder_atEveryBoundary(long bytes, double seconds, boolean active, long inactive,
                                                     NativeHealth expected) {
        assertThat(NativeHealth.of(NativeLadder.defaults(), bytes, seconds, active, inactive)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: reader={1}, writer={2}")
    @CsvSource({
            "HEALTHY, true, true",
            "WARNING, true, false",
            "DEGRADED, false, false",
            "CRITICAL, false, false",
    })
    void passes_letsReadersMoveOnAWarmSlot_butTheWriterOnlyOnAHealthyOne(NativeHealth health, boolean reader,
                                                                        boolean writer) {
        assertThat(health.passes(Gate.READER)).isEqualTo(reader);
        assertThat(health.passes(Gate.WRITER)).isEqualTo(writer);
    }

    @ParameterizedTest(name = "{0} B, {1} s -> {2}")
    @CsvSource({"9, 0.4, HEALTHY", "10, 0, WARNING", "19, 1.9, WARNING", "20, 0, DEGRADED", "31, 0, CRITICAL",
            "0, 3.5, CRITICAL"})
    void of_usesTheConfiguredLadder(long bytes, double seconds, NativeHealth expected) {
        NativeLadder tuned = new NativeLadder(10, 0.5, 20, 2, 30, 3, 4);
        assertThat(NativeHealth.of(tuned, bytes, seconds, true, 0)).isEqualTo(expected);
    }
}
