package io.cutover.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.core.fixtures.ConfigFixture;
import io.cutover.core.json.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackRestoreSettingsTest {

    @Test
    void restoreDeadlineAndPoll_defaultToEightHoursAndTwoMinutes() {
        CutoverConfig config = CutoverConfigParser.parse(ConfigFixture.example().set("rollback.strategy", "pitr")
                .json());

        assertThat(config.rollback().restoreTimeoutSeconds()).isEqualTo(8 * 3600);
        assertThat(config.rollback().restorePollSeconds()).isEqualTo(120);
    }

    @Test
    void restoreDeadlineAndPoll_areRead() {
        CutoverConfig config = CutoverConfigParser.parse(ConfigFixture.example().set("rollback.strategy", "pitr")
                .set("rollback.restoreTimeoutSeconds", 7200).set("rollback.restorePollSeconds", 60).json());

        assertThat(config.rollback()).isEqualTo(new RollbackSettings(RollbackStrategy.PITR, "orders-aurora-restored",
                7200, 60));
    }

    @Test
    void aRestoreDeadlineShorterThanTenMinutes_isRefused_namingTheField() {
        List<Problem> problems = CutoverConfigParser.problemsOf(ConfigFixture.example()
                .set("rollback.restoreTimeoutSeconds", 300).json());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("rollback.restoreTimeoutSeconds");
            assertThat(p.expected()).contains("600");
        });
    }

    @Test
    void morePollsThanTheExecutionHistoryHolds_areRefused_namingThePoll() {
        List<Problem> problems = CutoverConfigParser.problemsOf(ConfigFixture.example()
                .set("rollback.restoreTimeoutSeconds", 172_800).set("rollback.restorePollSeconds", 60).json());

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("rollback.restorePollSeconds");
            assertThat(p.expected()).contains("173", "25,000 events");
        });
    }
}
