package io.cutover.core.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.rollback.ReverseTaskHealth.Remedy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseTaskHealthTest {
    private static final String ARN = "arn:aws:dms:eu-west-1:123456789012:task:REVERSE";

    @ParameterizedTest
    @ValueSource(strings = {"running", "starting"})
    void aTaskReadingAndApplying_withNoTableLeftBehind_isHealthy(String status) {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, status, List.of(), List.of());

        assertThat(health.broken()).isFalse();
        assertThat(health.remedy()).isEqualTo(Remedy.NONE);
        assertThat(health.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stopped", "failed", "stopping"})
    void aStoppedOrFailedTask_isBroken_andResumedByTheRollback(String status) {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, status, List.of(), List.of());

        assertThat(health.broken()).isTrue();
        assertThat(health.remedy()).isEqualTo(Remedy.RESUME);
        assertThat(health.resumes()).isTrue();
        assertThat(health.problems()).singleElement().asString().contains(ARN, status, "resumed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ready", "missing", "deleting"})
    void aTaskThatNeverRanOrIsGone_cannotBeResumed(String status) {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, status, List.of(), List.of());

        assertThat(health.remedy()).isEqualTo(Remedy.NONE_DOCUMENTED);
        assertThat(health.whyNotCarried()).contains(status, "cannot be resumed");
    }

    @Test
    void aTableInError_whileTheTaskRuns_isCopiedByTheRollback_andIsNamed() {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, "running", List.of("public.orders"), List.of());

        assertThat(health.broken()).isTrue();
        assertThat(health.remedy()).isEqualTo(Remedy.COPY_TABLES);
        assertThat(health.resumes()).isFalse();
        assertThat(health.problems()).singleElement().asString().contains("Table error", "public.orders", "copies");
    }

    @Test
    void aChangeLoggedAsNotApplied_ofAFailedTask_isResumedAndItsTablesCopied() {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, "failed", List.of(),
                List.of("public.orders", "public.customers", "public.orders"));

        assertThat(health.remedy()).isEqualTo(Remedy.RESUME_AND_COPY_TABLES);
        assertThat(health.resumes()).isTrue();
        assertThat(health.tablesNotCarried()).containsExactly("public.customers", "public.orders");
        assertThat(health.problems()).hasSize(2);
        assertThat(health.problems().get(1)).contains("awsdms_apply_exceptions", "public.orders");
    }

    @Test
    void aTaskThatCannotBeResumed_isRefused_evenWithTablesToCopy() {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, "deleting", List.of("public.orders"), List.of());

        assertThat(health.remedy()).isEqualTo(Remedy.NONE_DOCUMENTED);
        assertThat(health.resumes()).isFalse();
        assertThat(health.whyNotCarried()).contains("deleting", "cannot be resumed");
    }

    @Test
    void rowsTheValidationFoundToDiffer_areCopiedByTheRollback_andNamed() {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, "running", List.of(), List.of(),
                List.of("public.orders"));

        assertThat(health.broken()).isTrue();
        assertThat(health.remedy()).isEqualTo(Remedy.COPY_TABLES);
        assertThat(health.tablesNotCarried()).containsExactly("public.orders");
        assertThat(health.problems()).singleElement().asString().contains("ValidationFailedRecords", "public.orders");
    }

    @Test
    void tablesNotCarried_joinsTheErroredAndTheNotAppliedOnes_once() {
        ReverseTaskHealth health = new ReverseTaskHealth(ARN, "running", List.of("public.b", "public.a"),
                List.of("public.a", "public.c"), List.of("public.d", "public.b"));

        assertThat(health.tablesNotCarried()).containsExactly("public.a", "public.b", "public.c", "public.d");
    }
}
