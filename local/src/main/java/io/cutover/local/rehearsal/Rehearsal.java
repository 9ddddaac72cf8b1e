package io.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.Weights;
import io.cutover.handlers.JsonLog;
import io.cutover.handlers.ReadinessPollHandler;
import io.cutover.handlers.app.DmsTaskSettingsSource;
import io.cutover.handlers.app.PostgresDatabaseSides;
import io.cutover.local.LocalEnvironment;
import io.cutover.local.LocalState;
import io.cutover.local.RecordingDatabaseSides;
import io.cutover.local.adapters.EffectLog;
import io.cutover.statemachine.LocalStateMachineRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./cutover rehearse}: the whole cutover on two real PostgreSQL servers under application load, with the
 * production state machine, handlers, core and PostgreSQL adapters; only AWS is replaced by local adapters. Ends
 * with report.json and report.html.
 */
public final class Rehearsal {
    private static final Duration BASELINE = Duration.ofSeconds(2);
    private static final Duration TAIL = Duration.ofSeconds(2);
    private static final Duration WRITE_GIVE_UP = Duration.ofSeconds(15);
    private static final int WRITER_THREADS = 4;
    private static final int READER_THREADS = 4;

    private final RehearsalOptions options;
    private final PrintStream console;
    /** How long starting, filling and copying the servers took (ms), for the report. */
    private long serversReadyMs;

    private Rehearsal(RehearsalOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    /** @param console where progress and the final figures go; null for silence */
    public static RehearsalResult run(RehearsalOptions options, PrintStream console) {
        return new Rehearsal(options, console).run();
    }

    private RehearsalResult run() {
        // Located now so a missing node fails here, naming what to install, rather than after two servers started.
        LocalStateMachineRunner workflowRunner = options.strategy() == Strategy.FENCED_SWITCH
                ? LocalStateMachineRunner.locate() : null;
        long startedAt = System.currentTimeMillis();
        Path reportDir = options.reportDir().toAbsolutePath();
        createDirectories(reportDir);
        HandlerLog handlerLog = HandlerLog.create(reportDir.resolve("handlers.log"));
        JsonLog.sendTo(handlerLog);
        Path dataDir = options.dataDir() != null ? options.dataDir() : temporaryDirectory();
        RehearsalSchema schema = options.schemaFile() == null ? RehearsalSchema.builtIn()
                : RehearsalSchema.fromFile(options.schemaFile());
        say("rehearsal: " + options.strategy().wireName() + " over " + options.replication().kind().wireName()
                + " replication" + (options.faults().isEmpty() ? "" : ", faults "
                + options.faults()) + ", " + options.rate() + " ops/s (" + options.writePercent() + "% writes), speed x"
                + number(options.speed()));
        say("starting two PostgreSQL servers (source, target) with logical replication; schema: "
                + schema.description());
        if (options.rows() > 0) {
            say("filling " + options.rows() + " rows into " + RehearsalFill.BIG_TABLES + " tables of "
                    + RehearsalFill.SCHEMA + " (the target gets them through the initial copy) and "
                    + RehearsalFill.SEQUENCES + " sequences feeding " + RehearsalFill.LEDGER_TABLES + " ledger tables");
        }
        long serversStarting = System.currentTimeMillis();
        try (RehearsalServers servers = RehearsalServers.start(dataDir, schema, new RehearsalFill(options.rows()));
             RehearsalDms dms = RehearsalDms.startIf(options, servers, this::say)) {
            serversReadyMs = System.currentTimeMillis() - serversStarting;
            servers.readinessProblems().forEach(p -> say("readiness problem: " + p));
            ObjectNode report = rehearse(servers, schema, reportDir, handlerLog, workflowRunner, startedAt, dms);
            Path json = reportDir.resolve("report.json");
            Path html = reportDir.resolve("report.html");
            write(json, Json.writePretty(report));
            write(html, ReportHtml.render(report));
            RehearsalReport.summary(report).forEach(this::say);
            say("report             " + html + " (and report.json, config.json, handlers.log)");
            return new RehearsalResult(report, json, html, safe(report));
        } finally {
            // Back to the handlers' default (stdout, where Lambda reads): the log file is about to close.
            JsonLog.sendTo(System.out);
            handlerLog.close();
            if (options.dataDir() == null) {
                deleteQuietly(dataDir);
            }
        }
    }

    /** @param workflowRunner the located state machine runner; null unless the strategy is the fenced switch */
    private ObjectNode rehearse(RehearsalServers servers, RehearsalSchema schema, Path reportDir, HandlerLog handlerLog,
                                LocalStateMachineRunner workflowRunner, long startedAt, RehearsalDms dms) {
        ObjectNode configTree = RehearsalConfig.build(servers, options.speed(), dms == null ? null : dms.taskArn(),
                dms == null ? null : dms.reverseTaskArn());
        RehearsalConfig.allowApplyDelay(configTree, options.replication());
        String configJson = Json.writePretty(configTree);
        write(reportDir.resolve("config.json"), configJson);
        CutoverConfig config = CutoverConfigParser.parse(configJson);
        FencedSwitchCutover[] fenced = new FencedSwitchCutover[1];
        Clock clock = Clock.systemUTC();
        EffectLog effects = new EffectLog(clock);
        // With DMS the handlers read the task's settings from the stand-in's DescribeReplicationTasks, as in AWS.
        RecordingDatabaseSides databases = new RecordingDatabaseSides(dms == null ? PostgresDatabaseSides.inline()
                : PostgresDatabaseSides.inline(DmsTaskSettingsSource.readFrom(dms.probe(), clock)), effects);
        LocalEnvironment local = new LocalEnvironment(config, configJson, LocalState.empty(), clock, effects, databases,
                FencedSwitchCutover.starter(fenced), dms == null ? null : dms.probe(), dms == null ? null : dms.probe());
        if (dms != null) {
            dms.routeEventsTo(new ReadinessPollHandler(local.ports, RehearsalConfig.MIGRATION_ID));
        }
        Map<String, Weights> initialWeights = local.records.snapshot();
        PhaseTracker phases = new PhaseTracker("servers starting", startedAt);
        WriteJournal journal = new WriteJournal();
        LoadCounters counters = new LoadCounters();
        AppLoad load = new AppLoad(new AppLoad.Plan(options.writesPerSecond(), options.readsPerSecond(),
                WRITER_THREADS, READER_THREADS, options.connectionLifetime(), WRITE_GIVE_UP,
                options.seed(), RehearsalConfig.WRITER_GROUP, RehearsalConfig.READER_GROUP,
                options.poolLifetime() != null), servers::openApp,
                local.records::current, schema, journal, counters);
        // Before the first write: every source commit of the load is decoded with its WAL position afterwards.
        CommitPositions commits = options.strategy() == Strategy.FENCED_SWITCH ? CommitPositions.start(servers) : null;
        long loadStartedAt = System.currentTimeMillis();
        phases.enter("baseline load", loadStartedAt);
        CutoverOutcome outcome;
        List<TimelineSample> samples;
        long loadStoppedAt;
        try (Sampler sampler = new Sampler(servers, local.records::snapshot, phases, journal, counters,
                options.progress() ? console : null, startedAt, RehearsalConfig.WRITER_GROUP,
                RehearsalConfig.READER_GROUP)) {
            try {
                load.start();
                pause(BASELINE);
                if (options.strategy() == Strategy.FENCED_SWITCH) {
                    fenced[0] = new FencedSwitchCutover(local, servers, config, options, phases, handlerLog,
                            workflowRunner, journal::acknowledgedByTargetSoFar, dms);
                    outcome = fenced[0].run();
                } else {
                    outcome = new NaiveWeightedCutover(local, servers, config, options, phases).run();
                }
                phases.enter("after the cutover", System.currentTimeMillis());
                pause(TAIL);
            } finally {
                load.stop();
            }
            loadStoppedAt = System.currentTimeMillis();
            phases.enter("report", loadStoppedAt);
            samples = sampler.samples();
        }
        try {
            return report(servers, config, configTree, local, initialWeights, outcome, phases, journal, counters,
                    samples, new long[] {startedAt, loadStartedAt, loadStoppedAt}, schema, dms, commits);
        } finally {
            if (commits != null) {
                commits.close();
            }
        }
    }

    private ObjectNode report(RehearsalServers servers, CutoverConfig config, JsonNode configTree, LocalEnvironment env,
                              Map<String, Weights> initialWeights, CutoverOutcome outcome, PhaseTracker phases,
                              WriteJournal journal, LoadCounters counters, List<TimelineSample> samples, long[] times,
                              RehearsalSchema schema, RehearsalDms dms, CommitPositions commits) {
        long startedAt = times[0];
        Map<String, Weights> finalWeights = env.records.snapshot();
        Weights writer = finalWeights.get(RehearsalConfig.WRITER_GROUP);
        Side finalPrimary = writer.target() > writer.source() ? Side.TARGET : Side.SOURCE;
        // Rows the source committed may still be on their way to the target: give replication the time to deliver
        // them (the naive design stopped replication on purpose: nothing more arrives there).
        boolean naive = options.strategy() == Strategy.NAIVE_WEIGHTED;
        // After the switch forward replication is stopped on purpose and the reverse one carries the target's writes.
        boolean reverse = reverseReplicationStarted(env);
        Duration catchUp = Duration.ofSeconds(15);
        boolean caughtUp = !naive && (dms != null ? (reverse ? dms.awaitReverseCaughtUp(catchUp)
                : dms.awaitCaughtUp(catchUp)) : reverse ? servers.awaitReverseCaughtUp(catchUp)
                : servers.awaitCaughtUp(catchUp));
        List<JournalEntry> entries = journal.entries();
        Map<Long, Integer> onPrimary = servers.clientIds(finalPrimary);
        List<Long> lost = ReportFigures.lost(entries, onPrimary);
        List<Long> duplicated = ReportFigures.duplicated(entries, onPrimary);
        boolean reverseSwitch = reverseSwitchRan(env);
        // Decoded after the catch-up: every source commit of the load is in the WAL by now.
        Map<Long, Long> sourceCommits = commits == null ? Map.of() : commits.decode(schema.journalTable());
        ReportFigures.FencePosition position = commits == null || phases.fenceLsn() == null ? null
                : new ReportFigures.FencePosition(CommitPositions.parseLsn(phases.fenceLsn()), sourceCommits);
        List<JournalEntry> split = reverseSwitch
                ? ReportFigures.splitBrainAfterReverseSwitch(entries, finalPrimary, outcome.splitPoint(), position,
                onPrimary)
                : ReportFigures.splitBrain(entries, finalPrimary, outcome.splitPoint(), position);
        ReportFigures.Gap gap = ReportFigures.longestWriteGap(entries, times[1], times[2]);

        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("strategy", options.strategy().wireName());
        report.put("referenceDesign", options.strategy() == Strategy.NAIVE_WEIGHTED);
        report.put("strategyDescription", options.strategy().description());
        report.put("replication", options.replication().kind().wireName());
        report.put("replicationDescription", options.replication().describe());
        if (dms != null) {
            report.set("dms", dms.report());
        }
        report.put("outcome", outcome.outcome());
        report.set("execution", outcome.execution());
        report.put("startedAt", Instant.ofEpochMilli(startedAt).toString());
        report.put("startedAtEpochMs", startedAt);
        ArrayNode faults = report.putArray("faults");
        for (Fault fault : options.faults()) {
            ObjectNode node = faults.addObject();
            node.put("fault", fault.describe());
            node.put("kind", fault.kind().description());
            outcome.injections().stream().filter(i -> i.fault().equals(fault)).findFirst().ifPresentOrElse(i -> {
                node.put("atMs", i.at() - startedAt);
                node.put("detail", i.detail());
            }, () -> node.put("detail", "not injected: the workflow never reached that moment"));
        }
        report.set("finalWeights", RehearsalReport.weights(finalWeights));
        report.set("writes", RehearsalReport.writes(entries, journal.attempted(), lost, duplicated, split, finalPrimary,
                counters));
        List<ReportFigures.WeightChange> weightChanges = weightChanges(env.effects);
        Long lastMove = ReportFigures.lastWriterMove(weightChanges, RehearsalConfig.WRITER_GROUP, outcome.splitPoint());
        ObjectNode writesNode = (ObjectNode) report.get("writes");
        writesNode.put("lastWriterMove", lastMove == null ? "none (the writes never moved)"
                : Instant.ofEpochMilli(lastMove).toString());
        writesNode.put("acknowledgedByFinalPrimaryAfterLastWriterMove",
                ReportFigures.acknowledgedAfter(entries, finalPrimary, lastMove == null ? times[1] : lastMove));
        ((ObjectNode) report.get("writes")).put("splitPoint", outcome.splitPoint() == null ? "none (the writer never left the source and "
                + "the source was never fenced)" : (options.strategy() == Strategy.NAIVE_WEIGHTED
                ? "the writer record first moved at " : "the fence completed at ")
                + Instant.ofEpochMilli(outcome.splitPoint()));
        ObjectNode writes = (ObjectNode) report.get("writes");
        writes.put("reverseSwitch", reverseSwitch);
        if (position != null) {
            writes.put("fenceLsn", phases.fenceLsn());
            writes.put("sourceCommitsDecoded", sourceCommits.size());
            writes.put("sourceCommitsPastFenceLsn", sourceCommits.values().stream()
                    .filter(lsn -> Long.compareUnsigned(lsn, position.fenceLsn()) > 0).count());
            writes.put("splitBrainRule", "by commit position: a write the side that did not end up primary "
                    + "acknowledged; a source write counts when its commit (decoded from the source's WAL) is past "
                    + "the fence LSN, whenever its attempt began; a target write when its attempt began after the fence"
                    + " completed");
        }
        if (reverseSwitch) {
            writes.put("carriedBack", ReportFigures.carriedBack(entries, finalPrimary, onPrimary).size());
            writes.put("splitBrainRule", "after the switch in reverse: a write the old target committed after the fence"
                    + " and absent from the source; target writes carried back to the source are not split-brain");
        }
        outcome.injections().stream().filter(i -> i.fault().kind().atWatch()).findFirst()
                .ifPresent(i -> writes.put("targetWritesBeforeFault", entries.stream()
                        .filter(e -> e.side() == Side.TARGET && e.isAcknowledged() && e.acknowledgedAt() <= i.at())
                        .count()));
        outcome.injections().stream().filter(i -> i.fault().kind() == Fault.Kind.ALARM_WATCH).findFirst()
                .ifPresent(i -> writes.put("targetWritesBeforeAlarm", entries.stream()
                        .filter(e -> e.side() == Side.TARGET && e.isAcknowledged() && e.acknowledgedAt() <= i.at())
                        .count()));
        report.put("writeUnavailableMs", gap.millis());
        ObjectNode window = report.putObject("writeUnavailableWindow");
        window.put("from", Instant.ofEpochMilli(gap.from()).toString());
        window.put("to", Instant.ofEpochMilli(gap.to()).toString());
        window.put("fromMs", gap.from() - startedAt);
        window.put("toMs", gap.to() - startedAt);
        window.put("atLoadEnd", gap.to() == times[2]);
        ArrayNode tasks = window.putArray("workflowTasks");
        for (PhaseTracker.TaskRun run : phases.runs(gap.from(), gap.to())) {
            tasks.addObject().put("task", run.task()).put("ms", run.end() - run.start()).put("failed", run.failed());
        }
        List<Long> writerMoves = weightChanges.stream().filter(c -> c.group().equals(RehearsalConfig.WRITER_GROUP))
                .map(ReportFigures.WeightChange::at).toList();
        WindowBreakdown breakdown = WindowBreakdown.of(phases.runs(), writerMoves).orElse(null);
        report.set("fenceToSwitch", RehearsalReport.fenceToSwitch(breakdown, gap, startedAt));
        report.set("productionEstimate", breakdown == null ? RehearsalReport.noEstimate()
                : RehearsalReport.productionEstimate(WriteGapEstimate.from(breakdown.totalMs(), configTree,
                RehearsalConfig.WRITER_GROUP), options.replication().isDms()));
        reaction(report, outcome, initialWeights, weightChanges, startedAt);
        report.set("sequences", RehearsalReport.sequences(servers.sequenceValues(Side.SOURCE),
                servers.sequenceValues(Side.TARGET), finalPrimary));
        boolean countsAtSwitch = outcome.rowCountsAtSwitch() != null
                && CutoverOutcome.COMPLETED.equals(outcome.outcome());
        report.set("rowCounts", countsAtSwitch
                ? RehearsalReport.rowCounts(outcome.rowCountsAtSwitch(), Map.of(), Map.of(), null)
                : RehearsalReport.rowCounts(null, servers.rowCounts(Side.SOURCE), servers.rowCounts(Side.TARGET),
                "at the end of the run, source against target, " + (naive ? "replication stopped by the naive design"
                        : reverseSwitch ? "after the switch in reverse: forward replication does not resume into the"
                        + " old target, which keeps what it had at the rollback, so tables the source wrote since"
                        + " differ (the journal above judges the writes)"
                        : caughtUp ? "after replication caught up" : "replication had NOT caught up within 15 s")));
        report.set("sourceWritableAfter", sourceWritable(servers, schema));
        long endedAt = System.currentTimeMillis();
        report.set("phases", RehearsalReport.phases(phases.phases(endedAt), startedAt));
        report.set("stateHistory", outcome.stateHistory());
        report.set("steps", RehearsalReport.steps(counters));
        report.set("errorsBySqlState", Json.MAPPER.valueToTree(counters.errorsBySqlState()));
        report.set("readinessProblems", Json.MAPPER.valueToTree(servers.readinessProblems()));
        ObjectNode load = report.putObject("load");
        load.put("operationsPerSecond", options.rate());
        load.put("writesPerSecond", options.writesPerSecond());
        load.put("readsPerSecond", options.readsPerSecond());
        load.put("writerThreads", WRITER_THREADS);
        load.put("readerThreads", READER_THREADS);
        load.put("connectionLifetimeMs", options.connectionLifetime().toMillis());
        load.put("appRole", RehearsalServers.APP_ROLE);
        load.put("schema", schema.description());
        load.put("seed", options.seed());
        load.put("speed", options.speed());
        ObjectNode database = report.putObject("database");
        database.put("filledRows", options.rows());
        database.put("filledTables", options.rows() > 0 ? RehearsalFill.BIG_TABLES : 0);
        database.put("tables", servers.tables().size());
        database.put("sequences", servers.sequenceValues(Side.SOURCE).size());
        database.put("serversReadyMs", serversReadyMs);
        database.put("how", options.rows() > 0 ? "--rows: filled on the source before the subscription was "
                + "refreshed; the target got them through the initial copy" : "the schema's own rows only");
        report.set("operator", outcome.operator());
        report.set("notes", notes(config));
        report.put("durationMs", endedAt - startedAt);
        report.set("timeline", RehearsalReport.timeline(samples, startedAt));
        report.set("goals", RehearsalReport.goals(report, options.writesPerSecond(),
                options.equals(RehearsalOptions.defaults().withReportDir(options.reportDir())
                        .withProgress(options.progress()))));
        return report;
    }

    /** The workflow started reverse replication at the switch (native, or DMS with a reverse task). */
    private static boolean reverseReplicationStarted(LocalEnvironment env) {
        return !env.effects.matching(e -> e.call().equals("db:reverse-replication")
                && e.detail().path("started").asBoolean()).isEmpty();
    }

    /** A rollback fenced the target: it was the switch in reverse. */
    private static boolean reverseSwitchRan(LocalEnvironment env) {
        return !env.effects.matching(e -> e.call().equals("db:fence") && e.target().equals("target")).isEmpty();
    }

    /** Fault detected → every record's weights entirely on the source, from the DNS effect log. */
    private static void reaction(ObjectNode report, CutoverOutcome outcome, Map<String, Weights> initial,
                                 List<ReportFigures.WeightChange> changes, long startedAt) {
        ObjectNode node = report.putObject("rollbackReaction");
        if (outcome.faultDetectedAt() == null) {
            report.putNull("rollbackReactionMs");
            node.put("detail", "no fault was detected");
            return;
        }
        Long back = ReportFigures.allOnSourceAt(outcome.faultDetectedAt(), initial, changes);
        node.put("detectedBy", outcome.faultDetectedBy());
        node.put("detectedAtMs", outcome.faultDetectedAt() - startedAt);
        if (back == null) {
            report.putNull("rollbackReactionMs");
            node.put("detail", "the weights never all came back to the source");
        } else {
            report.put("rollbackReactionMs", back - outcome.faultDetectedAt());
            node.put("weightsBackOnSourceMs", back - startedAt);
        }
    }

    /** Every record group's weight changes, from the DNS effect log. */
    private static List<ReportFigures.WeightChange> weightChanges(EffectLog effects) {
        return effects.matching(e -> e.call().equals("route53:ChangeResourceRecordSets")).stream()
                .map(e -> new ReportFigures.WeightChange(e.at().toEpochMilli(), e.target(),
                        new Weights(e.detail().path("source").asInt(), e.detail().path("target").asInt()))).toList();
    }

    /** One application write on the source as the fenced role, after the figures were taken. */
    private static ObjectNode sourceWritable(RehearsalServers servers, RehearsalSchema schema) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        try (Connection c = servers.openApp(Side.SOURCE); PreparedStatement st = c.prepareStatement(schema.writeSql())) {
            schema.bindWrite(st, 0);
            st.executeUpdate();
            node.put("writable", true);
        } catch (SQLException e) {
            node.put("writable", false);
            node.put("error", e.getSQLState() + " " + e.getMessage());
        }
        node.put("how", "one INSERT as " + RehearsalServers.APP_ROLE + " on the source (client id 0)");
        return node;
    }

    private ArrayNode notes(CutoverConfig config) {
        ArrayNode notes = Json.MAPPER.createArrayNode();
        notes.add("Bake and poll waits are the config's production values (" + config.bakeSeconds() + " s, "
                + config.readiness().pollSeconds() + " s) divided by --speed " + number(options.speed())
                + "; durations the handlers check against the clock (watch " + config.watchAfterSwitchSeconds()
                + " s, drain timeout " + config.drainTimeoutSeconds() + " s, readiness deadline "
                + config.readiness().deadlineSeconds() + " s) are written into config.json already divided.");
        notes.add("The writer gate's healthy lag is " + RehearsalConfig.HEALTHY_LAG_BYTES / 1024 + " KB, not the "
                + "1 KB default: under a steady write load the slot's confirmed position always trails the source by "
                + "a few transactions.");
        notes.add("The subscription runs with synchronous_commit = on, so the slot's confirmed position follows each "
                + "applied commit (with the default 'off' it is reported up to a second late and the drain waits for "
                + "the report, not the data).");
        notes.add("DNS, Parameter Store, the lock, CloudWatch alarms, RDS recovery and Step Functions are local "
                + "adapters that record their effects; the workflow is statemachine/cutover.asl.json run by "
                + "aws-local-stepfunctions; the databases are real PostgreSQL 17 servers.");
        notes.add("Application connections resolve the weighted records at open and live "
                + options.connectionLifetime().toMillis() + " ms (" + (options.poolLifetime() != null
                ? "--pool-lifetime, as a real pool keeps them" : "the records' TTL of "
                + RehearsalConfig.RECORD_TTL_SECONDS + " s divided by --speed") + "); a failed write is retried on a new "
                + "connection with a 5-100 ms backoff for up to " + WRITE_GIVE_UP.toSeconds() + " s.");
        return notes;
    }

    /**
     * What the run must show for the exit status. Nothing lost is not enough: a run whose final primary took no write
     * after the writes last moved shows nothing about the ending, whatever its other figures say.
     */
    static boolean safe(JsonNode report) {
        if (report.path("referenceDesign").asBoolean()) {
            return false;
        }
        boolean nothingLost = RehearsalReport.nothingLost(report)
                && report.path("writes").path("acknowledgedByFinalPrimaryAfterLastWriterMove").asLong() > 0;
        String outcome = report.path("outcome").asText();
        if (report.path("faults").isEmpty()) {
            return nothingLost && CutoverOutcome.COMPLETED.equals(outcome)
                    && report.path("sequences").path("behind").asInt() == 0
                    && report.path("rowCounts").path("mismatched").asInt() == 0;
        }
        // A fault @watch proves something only when the target had writes to carry back.
        boolean enoughTargetWrites = !report.path("writes").has("targetWritesBeforeFault")
                || report.path("writes").path("targetWritesBeforeFault").asLong() >= Fault.WRITES_BEFORE_WATCH_ALARM;
        return nothingLost && enoughTargetWrites && CutoverOutcome.ROLLED_BACK.equals(outcome)
                && report.path("sourceWritableAfter").path("writable").asBoolean();
    }

    private void say(String line) {
        if (console != null) {
            console.println(line);
            console.flush();
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("--report: cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cutover-rehearsal-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the servers: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
