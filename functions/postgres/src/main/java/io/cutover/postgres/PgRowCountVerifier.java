package io.cutover.postgres;

import io.cutover.core.config.RowCountSpec;
import io.cutover.core.port.db.BucketCount;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.RowCountReport;
import io.cutover.core.port.db.TableRowCount;
import io.cutover.core.rowcount.RecountDecision;
import io.cutover.core.rowcount.RecountPlanner;
import io.cutover.core.rowcount.RowPrecount;
import io.cutover.core.rowcount.SideNow;
import io.cutover.core.rowcount.SidePrecount;
import io.cutover.core.rowcount.TableActivity;
import io.cutover.core.rowcount.TablePrecount;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Compares exact row counts of configured tables between source and target:
 * {@code count(*)}, whole or per {@code date_trunc} bucket, and optionally per bucket an order-independent checksum of
 * the rows' text. Identifiers are parsed and quoted, never pasted.
 *
 * <p>The counts run while writes are down, so they are spread out: source and target at the same time, and on each
 * side up to {@link #DEFAULT_CONNECTIONS_PER_SIDE} tables at once, each on its own connection (one backend counts one
 * table; the fenced source and the idle target have the cores to spare). A count may run as long as the step's
 * deadline allows, not the connection's quick-statement timeouts ({@link DbSession#openForLongStatements}).
 *
 * <p>And they are kept small (issue 20): {@link #precount} counts before the fence the settled rows of each bucketed
 * table (bucket column before the cutoff) with each side's statistics; after the drain,
 * {@link #verify(List, RowPrecount, String, boolean, Duration)} counts only the recent rows of those tables and takes
 * the settled counts from the precount, unless {@link RecountPlanner} finds a change since that the recent rows cannot
 * account for, in which case the table is counted again in full. The recent count reads only the rows at or after the
 * cutoff: with an index on the bucket column it costs what the recent rows cost, without one it scans the table.
 */
public final class PgRowCountVerifier {
    static final String NULL_BUCKET = "null-bucket";
    /** Tables counted at once on each side. */
    public static final int DEFAULT_CONNECTIONS_PER_SIDE = 4;
    private static final String STEP = "row counts";
    /**
     * The whole-row alias: a name no unquoted column can have, so {@code "cutover row"::text} is the row, never a
     * column of the same name.
     */
    private static final String ROW = "\"cutover row\"";
    /**
     * Per row, 64 bits of the md5 of its text; summed (as numeric, which does not overflow) the aggregate does not
     * depend on row order. The text is the row's output form, the same on both sides when the column types and order
     * are (both sessions come from this process, so DateStyle, TimeZone and extra_float_digits agree).
     */
    private static final String ROW_HASH = "('x' || substr(md5(" + ROW + "::text), 1, 16))::bit(64)::bigint";

    private final JdbcConnections source;
    private final JdbcConnections target;
    private final int connectionsPerSide;

    public PgRowCountVerifier(JdbcConnections source, JdbcConnections target) {
        this(source, target, DEFAULT_CONNECTIONS_PER_SIDE);
    }

    public PgRowCountVerifier(JdbcConnections source, JdbcConnections target, int connectionsPerSide) {
        if (connectionsPerSide < 1) {
            throw new IllegalArgumentException("connectionsPerSide must be >= 1, was " + connectionsPerSide);
        }
        this.source = source;
        this.target = target;
        this.connectionsPerSide = connectionsPerSide;
    }

    /**
     * One side's counts for one table: per bucket (a single {@code ""} bucket for whole-table counts), the checksum
     * per bucket when asked for (else empty), or a problem.
     */
    record SideCount(Map<String, Long> buckets, Map<String, String> checksums, String problem) {
        SideCount(Map<String, Long> buckets, String problem) {
            this(buckets, Map.of(), problem);
        }

        Long total() {
            return problem != null ? null : buckets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One count to run on each side.
     *
     * @param recentFrom null: every row; else only the rows whose bucket column is at or after it, or NULL
     */
    record Job(RowCountSpec spec, Instant recentFrom, boolean checksums) {
    }

    /** The recent part of a table precounted whole: no row, nothing read. */
    private static final SideCount NOTHING_RECENT = new SideCount(Map.of(), null);

    /** One side's statistics per table ({@code spec.table()}); a table not found has none. */
    record SideStats(String epoch, Map<String, TableActivity> tables) {
    }

    /** Every row of each table, as before the precount existed. */
    public RowCountReport verify(List<RowCountSpec> tables, Duration timeout) {
        return verify(tables, null, null, false, timeout);
    }

    /**
     * Counts each table on both sides at once (source and target in parallel, several tables at a time on each),
     * whole or per time bucket. Meaningful after the drain, when the source is fenced. A bucketed table with a usable
     * {@code precount} has only its recent rows counted, unless {@link RecountPlanner#decide} says otherwise.
     *
     * @param precount      what {@link #precount} found before the fence; null to count everything
     * @param executionName the execution counting: only its own precount is used
     * @throws DatabaseStepException when a database cannot be reached or the timeout passes
     */
    public RowCountReport verify(List<RowCountSpec> tables, RowPrecount precount, String executionName,
                                 boolean checksums, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        ExecutorService pool = pool(tables.size());
        try {
            List<Optional<TablePrecount>> precounts = tables.stream()
                    .map(spec -> RecountPlanner.usable(precount, executionName, spec, checksums)).toList();
            List<RowCountSpec> precounted = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                if (precounts.get(i).isPresent()) {
                    precounted.add(tables.get(i));
                }
            }
            // 1. The statistics first: a change after this read is counted below and makes a needless recount.
            SideStats sourceStats = null;
            SideStats targetStats = null;
            if (!precounted.isEmpty()) {
                CompletableFuture<SideStats> s = CompletableFuture.supplyAsync(() -> stats(source, precounted, deadline), pool);
                CompletableFuture<SideStats> t = CompletableFuture.supplyAsync(() -> stats(target, precounted, deadline), pool);
                sourceStats = await(s, deadline);
                targetStats = await(t, deadline);
            }
            // 2. The recent rows of the precounted tables (none for one precounted whole: not counted at all); every
            // other table in full.
            List<Job> jobs = new ArrayList<>();
            List<Integer> counted = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                if (precounts.get(i).map(TablePrecount::whole).orElse(false)) {
                    continue;
                }
                counted.add(i);
                jobs.add(new Job(tables.get(i), precounts.get(i).map(TablePrecount::settledBefore).orElse(null),
                        checksums));
            }
            List<SideCount>[] countedBoth = countBoth(jobs, deadline, pool);
            @SuppressWarnings("unchecked")
            List<SideCount>[] counts = new List[] {new ArrayList<>(java.util.Collections.nCopies(tables.size(),
                    NOTHING_RECENT)), new ArrayList<>(java.util.Collections.nCopies(tables.size(), NOTHING_RECENT))};
            for (int k = 0; k < counted.size(); k++) {
                counts[0].set(counted.get(k), countedBoth[0].get(k));
                counts[1].set(counted.get(k), countedBoth[1].get(k));
            }
            // 3. The precounted tables whose settled rows may have changed, again in full.
            RecountDecision[] decisions = new RecountDecision[tables.size()];
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                Optional<TablePrecount> p = precounts.get(i);
                if (p.isEmpty() || counts[0].get(i).problem() != null || counts[1].get(i).problem() != null) {
                    continue;
                }
                decisions[i] = decide(p.get(), precount, sourceStats, targetStats, counts[0].get(i),
                        counts[1].get(i), checksums);
                if (decisions[i].fullRecount()) {
                    again.add(i);
                }
            }
            if (!again.isEmpty()) {
                List<SideCount>[] recounted = countBoth(again.stream()
                        .map(i -> new Job(tables.get(i), null, checksums)).toList(), deadline, pool);
                for (int k = 0; k < again.size(); k++) {
                    counts[0].set(again.get(k), recounted[0].get(k));
                    counts[1].set(again.get(k), recounted[1].get(k));
                }
            }
            // 4. Compare: a kept settled part is the precount's, the same on both sides (else it was recounted).
            List<TableRowCount> results = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                TableRowCount r = compare(tables.get(i).table(), counts[0].get(i), counts[1].get(i));
                RecountDecision d = decisions[i];
                if (d == null) {
                    results.add(r.withCounted(precounts.get(i).isPresent() ? "in full (a side could not be counted)"
                            : tables.get(i).bucketColumn() == null ? "in full (whole table)" : "in full (no precount)"));
                } else if (d.fullRecount()) {
                    results.add(r.withCounted("in full: " + d.reason()));
                } else {
                    TablePrecount p = precounts.get(i).orElseThrow();
                    results.add(new TableRowCount(r.table(), r.sourceRows() + p.source().settledRows(),
                            r.targetRows() + p.target().settledRows(), r.matches(), r.mismatchedBuckets(),
                            r.problem(), r.checksumMismatchedBuckets(), p.whole()
                            ? "settled rows: every row from the precount (" + p.source().settledRows() + "), none"
                            + " counted: " + d.reason()
                            : "settled rows before " + p.settledBefore() + " from the precount ("
                            + p.source().settledRows() + "), recent rows counted: " + d.reason()));
                }
            }
            List<String> mismatches = results.stream().filter(r -> !r.matches()).map(PgRowCountVerifier::describe).toList();
            return new RowCountReport(mismatches.isEmpty(), results, mismatches, deadline.elapsedMillis());
        } finally {
            pool.shutdownNow();
        }
    }

    private static RecountDecision decide(TablePrecount p, RowPrecount precount, SideStats sourceStats,
                                          SideStats targetStats, SideCount sourceRecent, SideCount targetRecent,
                                          boolean checksums) {
        TableActivity s = sourceStats.tables().get(p.table());
        TableActivity t = targetStats.tables().get(p.table());
        if (s == null || t == null) {
            return new RecountDecision(true, "no statistics for the table on the " + (s == null ? "source" : "target"));
        }
        return RecountPlanner.decide(p, precount.sourceStatsEpoch(), precount.targetStatsEpoch(),
                new SideNow(sourceStats.epoch(), s, sourceRecent.total()),
                new SideNow(targetStats.epoch(), t, targetRecent.total()), checksums);
    }

    /**
     * Before the fence, outside the write window: per bucketed table and side, the statistics, then in one snapshot
     * the settled rows (bucket column before the cutoff), their checksum when asked for, and the recent rows. A table
     * that cannot be counted on a side (missing, bad column) is left out: VerifyRowCounts counts it in full and
     * reports why.
     */
    public RowPrecount precount(List<RowCountSpec> tables, String executionName, Instant startedAt, Duration margin,
                                boolean checksums, Duration timeout) {
        List<RowCountSpec> bucketed = RecountPlanner.precountable(tables);
        List<Instant> cutoffs = bucketed.stream().map(spec -> spec.bucketColumn() == null ? null
                : RecountPlanner.settledBefore(startedAt, margin, spec.bucket())).toList();
        Deadline deadline = Deadline.in(timeout);
        ExecutorService pool = pool(bucketed.size());
        try {
            CompletableFuture<SideStats> sStats = CompletableFuture.supplyAsync(() -> stats(source, bucketed, deadline), pool);
            CompletableFuture<SideStats> tStats = CompletableFuture.supplyAsync(() -> stats(target, bucketed, deadline), pool);
            SideStats sourceStats = await(sStats, deadline);
            SideStats targetStats = await(tStats, deadline);
            int perSide = workers(bucketed.size());
            BiFunction<DbSession, Integer, Optional<SettledCount>> settled = (db, i) -> settledCount(db,
                    bucketed.get(i), cutoffs.get(i), checksums);
            CompletableFuture<List<Optional<SettledCount>>> s = onSide(source, bucketed.size(), perSide, deadline,
                    pool, settled);
            CompletableFuture<List<Optional<SettledCount>>> t = onSide(target, bucketed.size(), perSide, deadline,
                    pool, settled);
            List<Optional<SettledCount>> sc = await(s, deadline);
            List<Optional<SettledCount>> tc = await(t, deadline);
            List<TablePrecount> out = new ArrayList<>();
            for (int i = 0; i < bucketed.size(); i++) {
                RowCountSpec spec = bucketed.get(i);
                TableActivity sa = sourceStats.tables().get(spec.table());
                TableActivity ta = targetStats.tables().get(spec.table());
                if (sa == null || ta == null || sc.get(i).isEmpty() || tc.get(i).isEmpty()) {
                    continue;
                }
                out.add(new TablePrecount(spec.table(), spec.bucketColumn(), spec.bucket(), cutoffs.get(i),
                        sc.get(i).get().with(sa), tc.get(i).get().with(ta)));
            }
            return new RowPrecount(executionName, startedAt, margin.toSeconds(), checksums, sourceStats.epoch(),
                    targetStats.epoch(), out);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One side's precount of a table, before its statistics are attached. */
    record SettledCount(long settled, long recent, String checksum) {
        SidePrecount with(TableActivity activity) {
            return new SidePrecount(activity, settled, checksum, recent);
        }
    }

    /**
     * Settled rows, recent rows and, with checksums, the settled rows' checksum, from one scan (one snapshot);
     * empty when the table cannot be counted.
     */
    static Optional<SettledCount> settledCount(DbSession db, RowCountSpec spec, Instant cutoff, boolean checksums) {
        Identifiers.QualifiedName name;
        try {
            name = Identifiers.parseQualified(spec.table());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (problem(db, spec, name) != null) {
            return Optional.empty();
        }
        if (spec.bucketColumn() == null) {
            // Counted whole: every row is settled, none recent.
            String sql = "SELECT count(*) AS settled" + (checksums ? ", coalesce(sum(" + ROW_HASH + "), 0)::text AS h"
                    : "") + " FROM " + name.quoted() + " AS " + ROW;
            return Optional.of(db.one("counting every row of " + name, sql, rs -> new SettledCount(
                    rs.getLong("settled"), 0, checksums ? rs.getString("h") : null)));
        }
        String column = Identifiers.quote(spec.bucketColumn());
        String settledRows = column + " < ?::timestamptz";
        String sql = "SELECT count(*) FILTER (WHERE " + settledRows + ") AS settled, count(*) FILTER (WHERE NOT ("
                + settledRows + ") OR " + column + " IS NULL) AS recent"
                + (checksums ? ", coalesce(sum(" + ROW_HASH + ") FILTER (WHERE " + settledRows + "), 0)::text AS h"
                : "")
                + " FROM " + name.quoted() + " AS " + ROW;
        String at = cutoff.toString();
        Object[] params = checksums ? new Object[] {at, at, at} : new Object[] {at, at};
        return Optional.of(db.one("counting the settled rows of " + name, sql, rs -> new SettledCount(
                rs.getLong("settled"), rs.getLong("recent"), checksums ? rs.getString("h") : null), params));
    }

    /**
     * Per table the statistics summed over its leaf partitions (a partitioned table keeps none of its own) and the
     * leaves' relfilenodes ({@code pg_partition_tree} lists nothing for a table that is neither partitioned nor a
     * partition: then the table itself); the epoch is the server's start and the database's last statistics reset. One statement.
     * Read outside any transaction, so each call sees the statistics as they are now ({@code stats_fetch_consistency}
     * caches them only within a transaction).
     */
    static SideStats stats(JdbcConnections db, List<RowCountSpec> tables, Deadline deadline) {
        try (DbSession session = DbSession.open(db, deadline, STEP)) {
            String epoch = session.one("reading when the statistics began", """
                    SELECT pg_postmaster_start_time()::text || ' / ' || coalesce((SELECT stats_reset::text
                      FROM pg_stat_database WHERE datname = current_database()), 'never reset') AS epoch""",
                    rs -> rs.getString("epoch"));
            List<String> names = new ArrayList<>();
            Map<String, String> specByQuoted = new HashMap<>();
            for (RowCountSpec spec : tables) {
                try {
                    String quoted = Identifiers.parseQualified(spec.table()).quoted();
                    // Once per table: a table counted both per bucket and whole must not have its counters summed
                    // twice.
                    if (specByQuoted.put(quoted, spec.table()) == null) {
                        names.add(quoted);
                    }
                } catch (IllegalArgumentException e) {
                    // a bad name has no statistics; its count reports it
                }
            }
            Map<String, TableActivity> byTable = new HashMap<>();
            if (!names.isEmpty()) {
                session.list("reading the tables' statistics", """
                        SELECT q.name, coalesce(sum(s.n_tup_ins), 0) AS ins, coalesce(sum(s.n_tup_upd), 0) AS upd,
                               coalesce(sum(s.n_tup_del), 0) AS del,
                               string_agg(p.relid::oid::text || ':' || coalesce(pg_relation_filenode(p.relid)::text, '-'),
                                          ',' ORDER BY p.relid::oid) AS storage
                          FROM unnest(?::text[]) AS q(name)
                          CROSS JOIN LATERAL (SELECT to_regclass(q.name) AS r) AS t
                          CROSS JOIN LATERAL (SELECT relid FROM pg_partition_tree(t.r) WHERE isleaf
                                              UNION ALL
                                              SELECT t.r WHERE t.r IS NOT NULL
                                                 AND NOT EXISTS (SELECT 1 FROM pg_partition_tree(t.r))) AS p(relid)
                          LEFT JOIN pg_stat_user_tables s ON s.relid = p.relid
                         GROUP BY q.name""", rs -> byTable.put(specByQuoted.get(rs.getString("name")),
                        new TableActivity(rs.getLong("ins"), rs.getLong("upd"), rs.getLong("del"),
                                rs.getString("storage"))), names);
            }
            return new SideStats(epoch, byTable);
        }
    }

    private ExecutorService pool(int tables) {
        int perSide = workers(tables);
        return Executors.newFixedThreadPool(2 * perSide + 2, r -> {
            Thread t = new Thread(r, "row-count");
            t.setDaemon(true);
            return t;
        });
    }

    private int workers(int tables) {
        return Math.max(1, Math.min(connectionsPerSide, tables));
    }

    /** Both sides' counts of {@code jobs}, in job order: [source, target]. */
    @SuppressWarnings("unchecked")
    private List<SideCount>[] countBoth(List<Job> jobs, Deadline deadline, ExecutorService pool) {
        int perSide = workers(jobs.size());
        BiFunction<DbSession, Integer, SideCount> count = (db, i) -> count(db, jobs.get(i));
        CompletableFuture<List<SideCount>> src = onSide(source, jobs.size(), perSide, deadline, pool, count);
        CompletableFuture<List<SideCount>> tgt = onSide(target, jobs.size(), perSide, deadline, pool, count);
        return new List[] {new ArrayList<>(await(src, deadline)), new ArrayList<>(await(tgt, deadline))};
    }

    private static <T> T await(CompletableFuture<T> future, Deadline deadline) {
        try {
            return future.get(deadline.remainingMillis() + JdbcConnections.SOCKET_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new DatabaseStepException(STEP, "counting failed: " + e.getCause(), null, e.getCause());
        } catch (TimeoutException e) {
            throw new DatabaseStepException(STEP, "counting did not finish before the deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseStepException(STEP, "interrupted");
        }
    }

    /**
     * One side's results for items {@code 0..n-1}, in order: {@code workers} connections each take the next item not
     * yet taken until none is left, so one big table does not hold up the others.
     */
    private static <T> CompletableFuture<List<T>> onSide(JdbcConnections db, int n, int workers, Deadline deadline,
                                                         ExecutorService pool, BiFunction<DbSession, Integer, T> work) {
        List<T> results = new ArrayList<>(java.util.Collections.nCopies(n, null));
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] running = new CompletableFuture<?>[workers];
        for (int w = 0; w < workers; w++) {
            running[w] = CompletableFuture.runAsync(() -> {
                int i = next.getAndIncrement();
                if (i >= n) {
                    return;
                }
                try (DbSession session = DbSession.openForLongStatements(db, deadline, STEP)) {
                    for (; i < n; i = next.getAndIncrement()) {
                        T result = work.apply(session, i);
                        synchronized (results) {
                            results.set(i, result);
                        }
                    }
                }
            }, pool);
        }
        return CompletableFuture.allOf(running).thenApply(done -> {
            synchronized (results) {
                return List.copyOf(results);
            }
        });
    }

    static SideCount count(DbSession db, RowCountSpec spec) {
        return count(db, new Job(spec, null, false));
    }

    /** Why the table or its bucket column cannot be counted on this side; null when it can. */
    private static String problem(DbSession db, RowCountSpec spec, Identifiers.QualifiedName name) {
        boolean exists = db.one("looking up " + name, "SELECT to_regclass(?) IS NOT NULL AS e",
                rs -> rs.getBoolean("e"), name.quoted());
        if (!exists) {
            return "table " + name + " does not exist on " + db.where();
        }
        if (spec.bucketColumn() == null) {
            return null;
        }
        boolean columnExists = db.one("looking up column " + spec.bucketColumn() + " of " + name, """
                SELECT EXISTS (SELECT 1 FROM pg_attribute
                                WHERE attrelid = to_regclass(?) AND attname = ? AND attnum > 0 AND NOT attisdropped) AS e
                """, rs -> rs.getBoolean("e"), name.quoted(), spec.bucketColumn());
        return columnExists ? null
                : "column " + spec.bucketColumn() + " does not exist in " + name + " on " + db.where();
    }

    static SideCount count(DbSession db, Job job) {
        RowCountSpec spec = job.spec();
        Identifiers.QualifiedName name;
        try {
            name = Identifiers.parseQualified(spec.table());
        } catch (IllegalArgumentException e) {
            return new SideCount(Map.of(), "bad table name: " + e.getMessage());
        }
        String problem = problem(db, spec, name);
        if (problem != null) {
            return new SideCount(Map.of(), problem);
        }
        String checksum = job.checksums() ? ", coalesce(sum(" + ROW_HASH + "), 0)::text AS h" : "";
        if (spec.bucketColumn() == null) {
            return db.one("counting " + name, "SELECT count(*) AS n" + checksum + " FROM " + name.quoted() + " AS "
                    + ROW, rs -> new SideCount(Map.of("", rs.getLong("n")),
                    job.checksums() ? Map.of("", rs.getString("h")) : Map.of(), null));
        }
        // The unit is a Bucket constant's own wire name, never text from outside, so it can be a literal.
        String unit = spec.bucket().wireName();
        String column = Identifiers.quote(spec.bucketColumn());
        String where = job.recentFrom() == null ? "" : " WHERE " + column + " >= ?::timestamptz OR " + column + " IS NULL";
        String sql = "SELECT to_char(date_trunc('" + unit + "', " + column
                + "), 'YYYY-MM-DD\"T\"HH24:MI:SS') AS bucket, count(*) AS n" + checksum + " FROM " + name.quoted()
                + " AS " + ROW + where + " GROUP BY 1";
        Map<String, Long> buckets = new LinkedHashMap<>();
        Map<String, String> checksums = new LinkedHashMap<>();
        Object[] params = job.recentFrom() == null ? new Object[0] : new Object[] {job.recentFrom().toString()};
        if (job.recentFrom() != null) {
            // The recent rows through the bucket column's index, even where the table was never analyzed (a target
            // just loaded): without statistics the planner guesses a third of the rows match a range and scans the
            // whole table, 2 s for 10 M rows here inside the write window (PostgreSQL docs, "Planner Method
            // Configuration": enable_seqscan off discourages, never forbids, a sequential scan, so a table without
            // such an index is still counted).
            db.execute("preferring the bucket column's index", "SET enable_seqscan = off");
        }
        try {
            db.list("counting " + name + " per " + unit + (job.recentFrom() == null ? "" : " from " + job.recentFrom()),
                    sql, rs -> {
                        String bucket = rs.getString("bucket");
                        String key = bucket == null ? NULL_BUCKET : bucket;
                        if (job.checksums()) {
                            checksums.put(key, rs.getString("h"));
                        }
                        return buckets.put(key, rs.getLong("n"));
                    }, params);
        } finally {
            if (job.recentFrom() != null) {
                db.execute("back to the planner's defaults", "RESET enable_seqscan");
            }
        }
        return new SideCount(buckets, checksums, null);
    }

    static TableRowCount compare(String table, SideCount source, SideCount target) {
        if (source.problem() != null || target.problem() != null) {
            String problem = source.problem() != null && target.problem() != null
                    ? "source: " + source.problem() + "; target: " + target.problem()
                    : source.problem() != null ? "source: " + source.problem() : "target: " + target.problem();
            return new TableRowCount(table, source.total(), target.total(), false, List.of(), problem);
        }
        List<BucketCount> mismatched = new ArrayList<>();
        List<String> checksumMismatched = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(source.buckets().keySet());
        keys.addAll(target.buckets().keySet());
        boolean checksums = !source.checksums().isEmpty() || !target.checksums().isEmpty();
        for (String key : keys) {
            long s = source.buckets().getOrDefault(key, 0L);
            long t = target.buckets().getOrDefault(key, 0L);
            if (s != t && !key.isEmpty()) {
                mismatched.add(new BucketCount(key, s, t));
            } else if (s == t && checksums
                    && !source.checksums().getOrDefault(key, "0").equals(target.checksums().getOrDefault(key, "0"))) {
                checksumMismatched.add(key.isEmpty() ? "whole table" : key);
            }
        }
        boolean matches = source.total().equals(target.total()) && mismatched.isEmpty() && checksumMismatched.isEmpty();
        return new TableRowCount(table, source.total(), target.total(), matches, mismatched, null, checksumMismatched,
                "in full");
    }

    private static String describe(TableRowCount r) {
        if (r.problem() != null) {
            return r.table() + ": " + r.problem();
        }
        StringBuilder b = new StringBuilder(r.table()).append(": source ").append(r.sourceRows())
                .append(" rows, target ").append(r.targetRows());
        for (BucketCount bucket : r.mismatchedBuckets()) {
            b.append("; ").append(bucket.bucket()).append(": source ").append(bucket.sourceRows())
                    .append(", target ").append(bucket.targetRows());
        }
        for (String bucket : r.checksumMismatchedBuckets()) {
            b.append("; ").append(bucket).append(": same count, checksums differ");
        }
        return b.toString();
    }
}
