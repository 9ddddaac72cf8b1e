package io.cutover.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmsTaskSettingsByTaskTest {
    private static final String ONE = "arn:aws:dms:eu-west-1:123456789012:task:TASKONE";
    private static final String TWO = "arn:aws:dms:eu-west-1:123456789012:task:TASKTWO";
    private static final DmsTaskSettings DEPLOYED = DmsTaskSettings.defaults();

    @Test
    void theTasksAsTheStackDeploysThem_leaveNothingToRefuse() {
        DmsTaskSettingsByTask settings = DmsTaskSettingsByTask.of(List.of(ONE, TWO), Map.of(ONE, DEPLOYED, TWO, DEPLOYED));
        assertThat(settings.controlSchema()).isEqualTo("awsdms_control");
        assertThat(settings.withoutStatusTable()).isEmpty();
        assertThat(settings.withBatchApply()).isEmpty();
        assertThat(settings.controlSchemaRefusals()).isEmpty();
    }

    @Test
    void namesTheTasksWithoutAStatusTable_andThoseWithBatchApply() {
        DmsTaskSettings noStatus = new DmsTaskSettings(false, "awsdms_control", false, 1000, 1, "DO_NOTHING");
        DmsTaskSettings batch = new DmsTaskSettings(true, "awsdms_control", true, 1000, 1, "DO_NOTHING");
        DmsTaskSettingsByTask settings = DmsTaskSettingsByTask.of(List.of(ONE, TWO), Map.of(ONE, noStatus, TWO, batch));
        assertThat(settings.withoutStatusTable()).containsExactly(ONE);
        assertThat(settings.withBatchApply()).containsExactly(TWO);
    }

    @Test
    void blankControlSchema_isTheTargetsPublicSchema() {
        DmsTaskSettings blank = new DmsTaskSettings(true, "", false, 1000, 1, "DO_NOTHING");
        assertThat(DmsTaskSettingsByTask.same(List.of(ONE), blank).controlSchema()).isEqualTo("public");
    }

    @Test
    void tasksInDifferentControlSchemas_areRefused_namingTheSettingAndEachSchemasTasks() {
        DmsTaskSettings ops = new DmsTaskSettings(true, "ops", false, 1000, 1, "DO_NOTHING");
        DmsTaskSettingsByTask settings = DmsTaskSettingsByTask.of(List.of(ONE, TWO), Map.of(ONE, DEPLOYED, TWO, ops));
        assertThat(settings.controlSchemaRefusals()).singleElement().asString()
                .contains(DmsTaskSettings.CONTROL_SCHEMA_SETTING, "awsdms_control=TASKONE", "ops=TASKTWO");
    }

    @Test
    void aConfiguredTaskDmsReturnedNoSettingsFor_isNamed() {
        assertThatThrownBy(() -> DmsTaskSettingsByTask.of(List.of(ONE, TWO), Map.of(ONE, DEPLOYED)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(TWO).hasMessageNotContaining(ONE);
    }
}
