package io.cutover.local.rehearsal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How one rehearsal runs.
 *
 * @param strategy      the fenced switch (ours) or the naive weighted reference design
 * @param rate          application operations per second, writes and reads together
 * @param writePercent  the share of {@code rate} that writes (the rest reads)
 * @param speed         how much faster than production the bake, poll and watch times pass (1 = real time)
 * @param reportDir     where report.json, report.html, the config and the handler log go
 * @param schemaFile    the user's own schema (run on both servers), or null for the built-in one
 * @param faults        faults to inject (the fenced switch only)
 * @param seed          seeds the weighted resolver of every application connection
 * @param dataDir       where the two servers keep their data directories (deleted at the end), or null for a temp dir
 * @param progress      print the live progress line
 * @param poolLifetime  how long an application connection lives, as a real pool keeps it ({@code --pool-lifetime});
 *                      null for the records' TTL divided by the speed
 * @param replication   native replication, or DMS through the local stand-in
 * @param rows          rows filled into the {@link RehearsalFill} tables before the cutover ({@code --rows}); 0 for none
 */
public record RehearsalOptions(Strategy strategy, int rate, int writePercent, double speed, Path reportDir,
                               Path schemaFile, List<Fault> faults, long seed, Path dataDir, boolean progress,
                               Duration poolLifetime, RehearsalReplication replication, long rows) {
    public static final int DEFAULT_RATE = 200;
    public static final int DEFAULT_WRITE_PERCENT = 50;
    /** An int so that the CLI's help shows 50, not 50.0; it widens to the double field. */
    public static final int DEFAULT_SPEED = 50;
    public static final String DEFAULT_REPORT_DIR_NAME = "rehearsal-report";
    public static final Path DEFAULT_REPORT_DIR = Path.of(DEFAULT_REPORT_DIR_NAME);
    public static final long DEFAULT_SEED = 42;
    /** The largest {@code --rows}: a 10 M fill is the benchmark's biggest size; twice that still fits the disk. */
    public static final long MAX_ROWS = 20_000_000;

    public RehearsalOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(replication, "replication");
        faults = List.copyOf(faults);
        if (rate < 2 || rate > 5_000) {
            throw new IllegalArgumentException("--rate: " + rate + " operations/s is outside 2..5000");
        }
        if (writePercent < 1 || writePercent > 99) {
            throw new IllegalArgumentException("--write-percent: " + writePercent + " is outside 1..99 (the load "
                    + "needs both writes and reads)");
        }
        if (!(speed >= 1) || speed > 1_000 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("--speed: " + speed + " is outside 1..1000");
        }
        if (poolLifetime != null && (poolLifetime.toMillis() < 100 || poolLifetime.toSeconds() > 3600)) {
            throw new IllegalArgumentException("--pool-lifetime: " + poolLifetime.toMillis() / 1000.0
                    + " s is outside 0.1..3600 s");
        }
        if (rows < 0 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("--rows: " + rows + " is outside 0.." + MAX_ROWS + " (rows filled into "
                    + RehearsalFill.SCHEMA + " before the cutover; 0 = no fill)");
        }
        if (strategy == Strategy.NAIVE_WEIGHTED && replication.isDms()) {
            throw new IllegalArgumentException("--replication dms: the naive-weighted reference design stops native"
                    + " replication itself; rehearse DMS with the fenced switch");
        }
        List<String> dmsOnly = faults.stream().filter(f -> f.kind().dms()).map(Fault::describe).toList();
        if (!replication.isDms() && !dmsOnly.isEmpty()) {
            throw new IllegalArgumentException("--inject: " + String.join(", ", dmsOnly) + (dmsOnly.size() == 1
                    ? " is a DMS fault" : " are DMS faults") + " (the DMS stand-in's task, tables, validation and"
                    + " awsdms_apply_exceptions); they need --replication dms");
        }
        if (replication.isDms() && faults.stream().anyMatch(f -> f.kind() == Fault.Kind.LAG)) {
            throw new IllegalArgumentException("--inject: lag@PERCENT disables the native subscription, which"
                    + " --replication dms replaces; with DMS write lag@switch (the task falls behind as the fence"
                    + " begins). DMS faults at reader steps: " + Arrays.stream(Fault.Kind.values())
                    .filter(k -> k.dms() && k.atReaderStep()).map(Fault.Kind::form).toList());
        }
        if (strategy == Strategy.NAIVE_WEIGHTED && !faults.isEmpty()) {
            throw new IllegalArgumentException("--inject: faults exercise the fenced switch's rollback; the "
                    + "naive-weighted reference design has no rollback to exercise");
        }
    }

    public static RehearsalOptions defaults() {
        return new RehearsalOptions(Strategy.FENCED_SWITCH, DEFAULT_RATE, DEFAULT_WRITE_PERCENT, DEFAULT_SPEED,
                DEFAULT_REPORT_DIR, null, List.of(), DEFAULT_SEED, null, true, null,
                RehearsalReplication.nativeReplication(), 0);
    }

    public double writesPerSecond() {
        return rate * writePercent / 100.0;
    }

    public double readsPerSecond() {
        return rate - writesPerSecond();
    }

    public RehearsalOptions withFaults(List<Fault> newFaults) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, reportDir, schemaFile, newFaults, seed,
                dataDir, progress, poolLifetime, replication, rows);
    }

    public RehearsalOptions withLoad(int newRate, double newSpeed) {
        return new RehearsalOptions(strategy, newRate, writePercent, newSpeed, reportDir, schemaFile, faults, seed,
                dataDir, progress, poolLifetime, replication, rows);
    }

    public RehearsalOptions withReportDir(Path newReportDir) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, newReportDir, schemaFile, faults, seed,
                dataDir, progress, poolLifetime, replication, rows);
    }

    public RehearsalOptions withDataDir(Path newDataDir) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, reportDir, schemaFile, faults, seed,
                newDataDir, progress, poolLifetime, replication, rows);
    }

    public RehearsalOptions withPoolLifetime(Duration lifetime) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, reportDir, schemaFile, faults, seed,
                dataDir, progress, lifetime, replication, rows);
    }

    /** How long an application connection is used before it is closed and the name resolved again. */
    public Duration connectionLifetime() {
        return poolLifetime != null ? poolLifetime : RehearsalConfig.connectionLifetime(speed);
    }

    public RehearsalOptions withSeed(long newSeed) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, reportDir, schemaFile, faults, newSeed,
                dataDir, progress, poolLifetime, replication, rows);
    }

    public RehearsalOptions withProgress(boolean show) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, reportDir, schemaFile, faults, seed,
                dataDir, show, poolLifetime, replication, rows);
    }

    public RehearsalOptions withRows(long newRows) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, reportDir, schemaFile, faults, seed,
                dataDir, progress, poolLifetime, replication, newRows);
    }

    public RehearsalOptions withReplication(RehearsalReplication newReplication) {
        return new RehearsalOptions(strategy, rate, writePercent, speed, reportDir, schemaFile, faults, seed,
                dataDir, progress, poolLifetime, newReplication, rows);
    }
}
