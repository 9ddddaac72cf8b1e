package io.cutover.local.rehearsal;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The rehearsal's two servers for a test class that starts a DMS stand-in per test: the control schema is dropped
 * on both sides after each, so the next task starts from none.
 */
abstract class StandInServers {
    static RehearsalServers servers;

    @BeforeAll
    static void start() {
        servers = RehearsalServers.start(Path.of("target", "embedded-pg"), RehearsalSchema.builtIn());
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @AfterEach
    void dropControlSchema() {
        servers.execute(Side.TARGET, "DROP SCHEMA IF EXISTS " + DmsTaskSettings.DEFAULT_CONTROL_SCHEMA + " CASCADE");
        servers.execute(Side.SOURCE, "DROP SCHEMA IF EXISTS " + DmsTaskSettings.DEFAULT_CONTROL_SCHEMA + " CASCADE");
    }

    static RehearsalDms dms(DmsTaskSettings settings, Duration applyDelay) {
        RehearsalOptions options = RehearsalOptions.defaults().withLoad(40, 150)
                .withReplication(RehearsalReplication.dms(settings, applyDelay));
        return RehearsalDms.startIf(options, servers, line -> { });
    }

    /** The rehearsal's config (JSON) naming the stand-in's task. */
    static String configJson(RehearsalDms dms) {
        return Json.writePretty(RehearsalConfig.build(servers, 150, dms.taskArn()));
    }

    static CutoverConfig config(RehearsalDms dms) {
        return CutoverConfigParser.parse(configJson(dms));
    }
}
