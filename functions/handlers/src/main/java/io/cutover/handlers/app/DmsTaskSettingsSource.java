package io.cutover.handlers.app;

import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.config.DmsTaskSettingsByTask;
import io.cutover.core.port.cloud.DmsTaskSettingsReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where the database side learns the DMS tasks' settings. Read from DMS at preflight and at each writer-gate check
 * (a refresh); the drain, seconds after the writer gate, reuses what the gate read instead of calling DMS inside
 * the write window, unless that is older than {@link #REUSE_FOR} (then it reads again: slower, never wrong).
 */
public final class DmsTaskSettingsSource {
    static final Duration REUSE_FOR = Duration.ofMinutes(10);

    private final DmsTaskSettingsReader reader;
    private final DmsTaskSettings fixed;
    private final Clock clock;
    private Read last;

    private record Read(List<String> taskArns, DmsTaskSettingsByTask settings, Instant at) {
    }

    private DmsTaskSettingsSource(DmsTaskSettingsReader reader, DmsTaskSettings fixed, Clock clock) {
        this.reader = reader;
        this.fixed = fixed;
        this.clock = clock;
    }

    /** The tasks' own settings, from DMS (DescribeReplicationTasks). */
    public static DmsTaskSettingsSource readFrom(DmsTaskSettingsReader reader, Clock clock) {
        return new DmsTaskSettingsSource(Objects.requireNonNull(reader, "reader"), null,
                Objects.requireNonNull(clock, "clock"));
    }

    /** Settings given rather than read: tests, and the local {@code invoke} with no DMS to ask. */
    public static DmsTaskSettingsSource fixed(DmsTaskSettings settings) {
        return new DmsTaskSettingsSource(null, Objects.requireNonNull(settings, "settings"), Clock.systemUTC());
    }

    /** @param refresh read DMS now (preflight, writer gate); false reuses a recent read (the drain) */
    synchronized DmsTaskSettingsByTask settings(List<String> taskArns, boolean refresh) {
        if (fixed != null) {
            return DmsTaskSettingsByTask.same(taskArns, fixed);
        }
        Instant now = clock.instant();
        if (refresh || last == null || !last.taskArns().equals(taskArns) || last.at().plus(REUSE_FOR).isBefore(now)) {
            last = new Read(List.copyOf(taskArns), DmsTaskSettingsByTask.of(taskArns, reader.taskSettings(taskArns)),
                    now);
        }
        return last.settings();
    }
}
