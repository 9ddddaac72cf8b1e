package io.cutover.cli;

import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.local.rehearsal.Fault;
import io.cutover.local.rehearsal.Rehearsal;
import io.cutover.local.rehearsal.RehearsalConfig;
import io.cutover.local.rehearsal.RehearsalFill;
import io.cutover.local.rehearsal.RehearsalOptions;
import io.cutover.local.rehearsal.RehearsalReplication;
import io.cutover.local.rehearsal.RehearsalResult;
import io.cutover.local.rehearsal.RepeatedRehearsals;
import io.cutover.local.rehearsal.Strategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover rehearse [--strategy S] [--inject KIND@WHEN]... [--rate N] [--speed X] [--report DIR]}. */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = {"Rehearse the whole cutover on this machine: two real PostgreSQL servers with logical "
                + "replication, an application load going through the weighted DNS records, the production state "
                + "machine and handlers (AWS replaced by local adapters), optional faults, and a report "
                + "(report.json, report.html).",
                "Exit 0: the run showed what it must (completed with nothing lost; or, with --inject, rolled back "
                        + "with nothing lost and the source writable). Exit 1: it did not. Exit 2: bad options. "
                        + "--strategy naive-weighted always exits 0 once it ran: its losses are the point."})
final class RehearseCommand implements Callable<Integer> {
    @Option(names = "--strategy", paramLabel = "STRATEGY", defaultValue = "fenced-switch",
            description = "fenced-switch (this project: the production workflow) or naive-weighted (the reference "
                    + "design it replaces: writer and readers moved by weight, no fence). Default: ${DEFAULT-VALUE}")
    String strategy;

    @Option(names = "--inject", paramLabel = "KIND@WHEN", split = ",",
            description = "fault to inject (repeatable): lag@PERCENT, alarm@PERCENT (PERCENT a reader step: 20, 50, "
                    + "80, 100), alarm@watch, target-down@switch, source-slow@drain, sequence-missing@switch, "
                    + "replica-role@switch, prepared-xact@fence, fence-bypass@drain; with --replication dms the DMS "
                    + "stand-in's faults: task-failed, task-stopped, table-error, validation-failed (each @PERCENT, "
                    + "caught by the health check after that reader step, or @switch, injected as the fence begins "
                    + "and caught by the drain), apply-exception@PERCENT, apply-exception@drain, lag@switch (the "
                    + "drain times out), and task-failed@watch, task-stopped@watch, table-error@watch, "
                    + "apply-exception@watch: injected into the reverse DMS task (target to source) once the target "
                    + "acknowledged 100 writes after the switch; the watch rolls back, the rollback resumes a "
                    + "failed or stopped reverse task and carries every target write back, and refuses, naming the "
                    + "table, to leave the target when a table in error or a change logged as not applied would "
                    + "be lost (the writer stays on the target)")
    List<String> inject = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "OPS", defaultValue = "" + RehearsalOptions.DEFAULT_RATE,
            description = "application operations per second, writes and reads together. Default: ${DEFAULT-VALUE}")
    int rate;

    @Option(names = "--write-percent", paramLabel = "PERCENT", defaultValue = "" + RehearsalOptions.DEFAULT_WRITE_PERCENT,
            description = "share of the operations that write. Default: ${DEFAULT-VALUE}")
    int writePercent;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "" + RehearsalOptions.DEFAULT_SPEED,
            description = "bake, poll and watch times pass X times faster than the production config says "
                    + "(1 = real time). Default: ${DEFAULT-VALUE}")
    double speed;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = RehearsalOptions.DEFAULT_REPORT_DIR_NAME,
            description = "where report.json, report.html, config.json and handlers.log go. Default: ${DEFAULT-VALUE}")
    Path report;

    @Option(names = "--schema", paramLabel = "FILE.sql",
            description = "your own schema (plain SQL, no psql meta-commands), run on both servers; every table is "
                    + "replicated and counted, the load writes to a table the rehearsal adds (cutover_rehearsal.journal)")
    Path schema;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + RehearsalOptions.DEFAULT_SEED,
            description = "seed of the weighted resolver. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the two servers keep their data (default: a temporary directory, deleted at the end)")
    Path dataDir;

    @Option(names = "--pool-lifetime", paramLabel = "SECONDS",
            description = "how long an application connection lives before it is closed and the name resolved again,"
                    + " as a real connection pool keeps it (0.1..3600); default: the records' TTL divided by --speed")
    Double poolLifetime;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "0",
            description = "before the cutover, fill N rows (0.." + RehearsalOptions.MAX_ROWS + ") into "
                    + RehearsalFill.BIG_TABLES + " tables of " + RehearsalFill.SCHEMA + " (created_at over the past "
                    + RehearsalFill.DAYS + " days, counted per day) and " + RehearsalFill.SEQUENCES + " sequences feeding "
                    + RehearsalFill.LEDGER_TABLES + " ledger tables; the target gets them through the initial copy. "
                    + "Default: ${DEFAULT-VALUE} (no fill)")
    long rows;

    @Option(names = "--no-progress", description = "do not print the live progress line")
    boolean noProgress;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run the rehearsal N times (1.." + RepeatedRehearsals.MAX_RUNS + "), each into DIR/run-K with "
                    + "seed+K-1, then print the median and worst write-unavailable window (DIR/repeat-summary.json); "
                    + "exit 0 only if every run did. Default: ${DEFAULT-VALUE}")
    int repeat;

    @Option(names = "--replication", paramLabel = "KIND", defaultValue = "native",
            description = "native (a subscription on the target) or dms (a local DMS stand-in that reads a slot on "
                    + "the source and applies to the target, reached through the production DMS and CloudWatch "
                    + "adapters). Default: ${DEFAULT-VALUE}")
    String replication;

    @Option(names = "--dms-task-settings", paramLabel = "FILE.json",
            description = "DMS task settings the stand-in runs (with --replication dms), e.g. with "
                    + "ControlTablesSettings.StatusTableEnabled false; default: the settings the CDK app deploys")
    Path dmsTaskSettings;

    @Option(names = "--dms-apply-delay", paramLabel = "SECONDS", defaultValue = "0",
            description = "how long the DMS task takes, at least, to apply a change it read (with --replication "
                    + "dms). Default: ${DEFAULT-VALUE}")
    double dmsApplyDelay;

    /** The replication options, read together: the DMS ones mean nothing with native replication. */
    private RehearsalReplication replication() {
        RehearsalReplication.Kind kind = RehearsalReplication.Kind.parse(replication);
        if (kind == RehearsalReplication.Kind.NATIVE) {
            if (dmsTaskSettings != null || dmsApplyDelay != 0) {
                throw new IllegalArgumentException("--dms-task-settings and --dms-apply-delay need --replication dms");
            }
            return RehearsalReplication.nativeReplication();
        }
        if (!(dmsApplyDelay >= 0) || Double.isInfinite(dmsApplyDelay)) {
            throw new IllegalArgumentException("--dms-apply-delay: " + dmsApplyDelay + " is not a number of seconds"
                    + " >= 0");
        }
        DmsTaskSettings settings = DmsTaskSettings.defaults();
        if (dmsTaskSettings != null) {
            if (!Files.isRegularFile(dmsTaskSettings)) {
                throw new IllegalArgumentException("--dms-task-settings: no file at " + dmsTaskSettings);
            }
            try {
                settings = DmsTaskSettings.parse(Files.readString(dmsTaskSettings));
            } catch (IOException e) {
                throw new IllegalArgumentException("--dms-task-settings: cannot read " + dmsTaskSettings + ": "
                        + e.getMessage());
            } catch (InvalidDocumentException e) {
                throw new IllegalArgumentException("--dms-task-settings: " + e.getMessage());
            }
        }
        return RehearsalReplication.dms(settings, Duration.ofMillis(Math.round(dmsApplyDelay * 1000)));
    }

    @Override
    public Integer call() {
        RehearsalOptions options;
        try {
            List<Fault> faults = new ArrayList<>();
            for (String spec : inject) {
                faults.add(Fault.parse(spec, RehearsalConfig.READER_STEPS));
            }
            if (schema != null && !Files.isRegularFile(schema)) {
                throw new IllegalArgumentException("--schema: no file at " + schema);
            }
            options = new RehearsalOptions(Strategy.parse(strategy), rate, writePercent, speed, report, schema,
                    faults, seed, dataDir, !noProgress,
                    poolLifetime == null ? null : java.time.Duration.ofMillis(Math.round(poolLifetime * 1000)),
                    replication(), rows);
            if (repeat < 1 || repeat > RepeatedRehearsals.MAX_RUNS) {
                throw new IllegalArgumentException("--repeat: " + repeat + " is outside 1.." + RepeatedRehearsals.MAX_RUNS);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return CutoverCli.INVALID_INPUT;
        }
        return repeat == 1 ? runOnce(options) : runRepeatedly(options);
    }

    private Integer runRepeatedly(RehearsalOptions options) {
        List<RehearsalResult> results = new ArrayList<>();
        for (int k = 1; k <= repeat; k++) {
            System.out.println("run " + k + " of " + repeat);
            RehearsalOptions run = options.withReportDir(options.reportDir().resolve("run-" + k))
                    .withSeed(options.seed() + k - 1);
            try {
                results.add(Rehearsal.run(run, System.out));
            } catch (RuntimeException e) {
                return failed(e);
            }
        }
        var summary = RepeatedRehearsals.summary(results);
        try {
            Files.writeString(options.reportDir().resolve("repeat-summary.json"), Json.writePretty(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the repeat summary into " + options.reportDir(), e);
        }
        RepeatedRehearsals.lines(summary).forEach(System.out::println);
        if (options.strategy() == Strategy.NAIVE_WEIGHTED) {
            return 0;
        }
        return results.stream().allMatch(RehearsalResult::safe) ? 0 : 1;
    }

    private static Integer failed(RuntimeException e) {
        System.out.println();
        System.err.println("rehearsal failed: " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            System.err.println("  caused by: " + cause);
        }
        return 1;
    }

    private static Integer runOnce(RehearsalOptions options) {
        RehearsalResult result;
        try {
            result = Rehearsal.run(options, System.out);
        } catch (RuntimeException e) {
            return failed(e);
        }
        if (options.strategy() == Strategy.NAIVE_WEIGHTED) {
            return 0;
        }
        return result.safe() ? 0 : 1;
    }
}
