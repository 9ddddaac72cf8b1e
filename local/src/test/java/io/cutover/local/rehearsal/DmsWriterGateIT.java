package io.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.readiness.CheckLine;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.handlers.app.CutoverStore;
import io.cutover.handlers.app.DmsTaskSettingsSource;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.handlers.app.ReadinessService;
import io.cutover.handlers.errors.DmsControlTablesMissingException;
import io.cutover.local.LocalEnvironment;
import io.cutover.local.LocalState;
import io.cutover.local.adapters.EffectLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The writer gate on a DMS task, with the production ReadinessService, DmsCloudWatchProbe and PostgreSQL
 * control-table adapter over the stand-in: a task without awsdms_status is refused at once, naming the setting.
 */
class DmsWriterGateIT extends StandInServers {
    @Test
    void writerGate_refusesWithDmsControlTablesMissing_whenTheTaskRunsWithoutTheStatusTable() {
        DmsTaskSettings noStatusTable = new DmsTaskSettings(false, DmsTaskSettings.DEFAULT_CONTROL_SCHEMA, false, 1000,
                1, "DO_NOTHING");
        try (RehearsalDms dms = dms(noStatusTable)) {
            Gate gate = Gate.WRITER;
            assertThatThrownBy(() -> gate(dms, gate))
                    .isInstanceOf(DmsControlTablesMissingException.class)
                    .hasMessageContaining(DmsTaskSettings.STATUS_TABLE_SETTING + " false")
                    .hasMessageContaining("awsdms_control.awsdms_status");
        }
    }

    @Test
    void writerGate_readsTheStatusTable_whenTheTaskKeepsIt_andTheReaderGateNeverReadsIt() throws Exception {
        try (RehearsalDms dms = dms(DmsTaskSettings.defaults())) {
            ReadinessVerdict writer = awaitFreshSamples(dms, Gate.WRITER);

            assertThat(writer.checks()).extracting(CheckLine::name).contains("task REHEARSALTASK status agreement",
                    "task REHEARSALTASK apply exceptions");
            assertThat(writer.checks()).filteredOn(c -> c.name().endsWith("status agreement"))
                    .singleElement().satisfies(c -> assertThat(c.passed()).as(c.observed()).isTrue());
            assertThat(gate(dms, Gate.READER).checks()).extracting(CheckLine::name)
                    .doesNotContain("task REHEARSALTASK status agreement");
        }
    }

    private static RehearsalDms dms(DmsTaskSettings settings) {
        return dms(settings, Duration.ZERO);
    }

    private ReadinessVerdict awaitFreshSamples(RehearsalDms dms, Gate gate) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        ReadinessVerdict verdict = gate(dms, gate);
        while (verdict.checks().stream().anyMatch(c -> c.name().endsWith("fresh samples") && !c.passed())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            verdict = gate(dms, gate);
        }
        return verdict;
    }

    private static ReadinessVerdict gate(RehearsalDms dms, Gate gate) {
        String json = configJson(dms);
        CutoverConfig config = CutoverConfigParser.parse(json);
        LocalEnvironment env = new LocalEnvironment(config, json, LocalState.empty(), Clock.systemUTC(),
                new EffectLog(Clock.systemUTC()),
                PostgresDatabaseSides.inline(DmsTaskSettingsSource.readFrom(dms.probe(), Clock.systemUTC())),
                start -> { }, dms.probe(),
                dms.probe());
        return new ReadinessService(env.ports).check(new CutoverStore(env.store, config.migrationId()), config, gate,
                gate == Gate.WRITER, false);
    }
}
