package io.cutover.core.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestoreProgressTest {
    private static final Instant DEADLINE = Instant.parse("2026-11-21T18:00:00Z");
    private static final String CLUSTER = "restored cluster orders-aurora-restored";

    @Test
    void available_isTheOnlyStatusThatLetsTheNextStepRun() {
        RestoreProgress progress = RestoreProgress.of(CLUSTER, "available", DEADLINE.minusSeconds(60), DEADLINE);

        assertThat(progress.available()).isTrue();
        assertThat(progress.deadlinePassed()).isFalse();
        assertThat(progress.requireNotFailed()).isSameAs(progress);
    }

    @ParameterizedTest
    @ValueSource(strings = {"creating", "backing-up", "modifying", "configuring-log-exports", "some-status-aws-adds"})
    void anyOtherStatus_isStillRestoring_andWaits_untilTheDeadline(String status) {
        RestoreProgress before = RestoreProgress.of(CLUSTER, status, DEADLINE.minusSeconds(1), DEADLINE);
        RestoreProgress after = RestoreProgress.of(CLUSTER, status, DEADLINE.plusSeconds(1), DEADLINE);

        assertThat(before.available()).isFalse();
        assertThat(before.deadlinePassed()).isFalse();
        assertThat(before.summary()).contains(CLUSTER, "still " + status, "waiting until " + DEADLINE);
        assertThat(after.deadlinePassed()).isTrue();
        assertThat(after.summary()).contains(CLUSTER, "still " + status, "past the restore deadline " + DEADLINE,
                "goes on in RDS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inaccessible-encryption-credentials", "incompatible-restore", "failed", "deleting",
            "incompatible-parameters"})
    void aStatusTheRestoreCannotFinishFrom_failsAtOnce_notAtTheDeadline(String status) {
        RestoreProgress progress = RestoreProgress.of(CLUSTER, status, DEADLINE.minusSeconds(3600), DEADLINE);

        assertThat(progress.deadlinePassed()).isFalse();
        assertThatThrownBy(progress::requireNotFailed).isInstanceOf(RestoreFailedException.class)
                .hasMessageContaining(CLUSTER).hasMessageContaining(status);
    }

    @Test
    void aMissingStatus_isReadAsUnknown_andStillRestoring() {
        RestoreProgress progress = RestoreProgress.of(CLUSTER, null, DEADLINE.minusSeconds(1), DEADLINE);

        assertThat(progress.status()).isEqualTo("unknown");
        assertThat(progress.stage()).isEqualTo(RestoreProgress.Stage.RESTORING);
    }
}
