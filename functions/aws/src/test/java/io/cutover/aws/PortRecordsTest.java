package io.cutover.aws;

import io.cutover.core.port.cloud.ObservedRecord;
import io.cutover.core.port.cloud.PointInTimeRestore;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordPairReading;
import io.cutover.core.port.cloud.RecordTarget;
import io.cutover.core.port.cloud.WeightChangeNotConfirmedException;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.port.cloud.WorkflowStart;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The port.cloud records the adapters produce and consume (they live in the core, without tests of their own). */
class PortRecordsTest {
    private static final RecordGroupRef GROUP = new RecordGroupRef("orders-reader", "/hostedzone/Z0123456789ABC",
            "db-ro.orders.example.com", "CNAME", 30, new RecordTarget("source", "pg-replica"),
            new RecordTarget("aurora", "aurora-ro"));

    @Test
    void recordGroupRef_keepsTheZoneIdBare() {
        assertThat(GROUP.hostedZoneId()).isEqualTo("Z0123456789ABC");
        assertThat(GROUP.describe()).isEqualTo("orders-reader (db-ro.orders.example.com CNAME in zone Z0123456789ABC)");
    }

    @Test
    void recordGroupRef_rejectsTwoRecordsWithOneSetIdentifier() {
        assertThatThrownBy(() -> new RecordGroupRef("g", "Z1", "db.example.com", "CNAME", 30,
                new RecordTarget("same", "a"), new RecordTarget("same", "b")))
                .hasMessageContaining("'same'");
    }

    @Test
    void recordPairReading_reportsWeights_onlyWhenBothRecordsExist() {
        ObservedRecord source = new ObservedRecord("source", 80, 30L, "pg-replica");
        ObservedRecord target = new ObservedRecord("aurora", 20, 30L, "aurora-ro");

        assertThat(new RecordPairReading(GROUP, Optional.of(source), Optional.of(target)).weights())
                .isEqualTo(new Weights(80, 20));
        RecordPairReading half = new RecordPairReading(GROUP, Optional.empty(), Optional.of(target));
        assertThat(half.missingSetIdentifiers()).containsExactly("source");
        assertThatThrownBy(half::weights).hasMessageContaining("source").hasMessageContaining("orders-reader");
    }

    @Test
    void weightChangeNotConfirmed_saysWhetherTheBatchWasSubmitted() {
        var notSubmitted = new WeightChangeNotConfirmedException(GROUP, new Weights(50, 50), null, 4, "Throttling", null);
        var submitted = new WeightChangeNotConfirmedException(GROUP, new Weights(50, 50), "C1", 1, "still PENDING", null);

        assertThat(notSubmitted.submitted()).isFalse();
        assertThat(notSubmitted.getMessage()).contains("NOT applied", "source=50, aurora=50", "4 attempt(s)");
        assertThat(submitted.submitted()).isTrue();
        assertThat(submitted.getMessage()).contains("submitted but not confirmed", "change C1", "source=50, aurora=50");
    }

    @Test
    void workflowStart_derivesTheExecutionName_andRejectsNamesStepFunctionsRefuses() {
        assertThat(new WorkflowStart("orders-db", 3, "{}").executionName()).isEqualTo("orders-db-3");
        assertThatThrownBy(() -> new WorkflowStart("orders db", 1, "{}")).hasMessageContaining("orders db-1");
        assertThatThrownBy(() -> new WorkflowStart("orders-db", 0, "{}")).hasMessageContaining("attempt");
    }

    @Test
    void pointInTimeRestore_needsANewClusterId() {
        assertThatThrownBy(() -> PointInTimeRestore.latest("orders-aurora", "orders-aurora"))
                .hasMessageContaining("new cluster id");
        assertThat(PointInTimeRestore.latest("orders-aurora", "orders-aurora-restored").writerInstanceId())
                .isEqualTo("orders-aurora-restored-writer");
    }
}
