package io.cutover.postgres;

import io.cutover.core.config.RowCountSpec;
import io.cutover.core.port.db.BucketCount;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.RowCountReport;
import io.cutover.core.port.db.TableRowCount;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compares exact row counts of configured tables between source and target:
 * {@code count(*)}, whole or per {@code date_trunc} bucket. Identifiers are parsed and quoted, never pasted.
 *
 * <p>The counts run while writes are down, so they are spread out: source and target at the same time, and on each
 * side up to {@link #DEFAULT_CONNECTIONS_PER_SIDE} tables at once, each on its own connection (one backend counts one
 * table; the fenced source and the idle target have the cores to spare). A count may run as long as the step's
 * deadline allows, not the connection's quick-statement timeouts ({@link DbSession#openForLongStatements}).
 */
public final class PgRowCountVerifier {
    static final String NULL_BUCKET = "null-bucket";
    /** Tables counted at once on each side. */
    public static final int DEFAULT_CONNECTIONS_PER_SIDE = 4;
    private static final String STEP = "row counts";

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

    /** One side's counts for one table: per bucket (a single {@code ""} bucket for whole-table counts), or a problem. */
    record SideCount(Map<String, Long> buckets, String problem) {
        Long total() {
            return problem != null ? null : buckets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Counts each table on both sides at once (source and target in parallel, several tables at a time on each),
     * whole or per time bucket. Meaningful after the drain, when the source is fenced.
     *
     * @throws DatabaseStepException when a database cannot be reached or the timeout passes
     */
    public RowCountReport verify(List<RowCountSpec> tables, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        int perSide = Math.max(1, Math.min(connectionsPerSide, tables.size()));
        ExecutorService pool = Executors.newFixedThreadPool(2 * perSide, r -> {
            Thread t = new Thread(r, "row-count");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<List<SideCount>> src = countSide(source, tables, perSide, deadline, pool);
            CompletableFuture<List<SideCount>> tgt = countSide(target, tables, perSide, deadline, pool);
            List<SideCount> s = await(src, deadline);
            List<SideCount> t = await(tgt, deadline);
            List<TableRowCount> results = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                results.add(compare(tables.get(i).table(), s.get(i), t.get(i)));
            }
            List<String> mismatches = results.stream().filter(r -> !r.matches()).map(PgRowCountVerifier::describe).toList();
            return new RowCountReport(mismatches.isEmpty(), results, mismatches, deadline.elapsedMillis());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SideCount> await(CompletableFuture<List<SideCount>> future, Deadline deadline) {
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
     * One side's counts, in the order of {@code tables}: {@code workers} connections each take the next table not yet
     * taken until none is left, so one big table does not hold up the others.
     */
    private static CompletableFuture<List<SideCount>> countSide(JdbcConnections db, List<RowCountSpec> tables,
                                                                int workers, Deadline deadline, ExecutorService pool) {
        SideCount[] counts = new SideCount[tables.size()];
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] running = new CompletableFuture<?>[workers];
        for (int w = 0; w < workers; w++) {
            running[w] = CompletableFuture.runAsync(() -> {
                int i = next.getAndIncrement();
                if (i >= tables.size()) {
                    return;
                }
                try (DbSession session = DbSession.openForLongStatements(db, deadline, STEP)) {
                    for (; i < tables.size(); i = next.getAndIncrement()) {
                        counts[i] = count(session, tables.get(i));
                    }
                }
            }, pool);
        }
        return CompletableFuture.allOf(running).thenApply(done -> List.of(counts));
    }

    static SideCount count(DbSession db, RowCountSpec spec) {
        Identifiers.QualifiedName name;
        try {
            name = Identifiers.parseQualified(spec.table());
        } catch (IllegalArgumentException e) {
            return new SideCount(Map.of(), "bad table name: " + e.getMessage());
        }
        boolean exists = db.one("looking up " + name, "SELECT to_regclass(?) IS NOT NULL AS e",
                rs -> rs.getBoolean("e"), name.quoted());
        if (!exists) {
            return new SideCount(Map.of(), "table " + name + " does not exist on " + db.where());
        }
        if (spec.bucketColumn() == null) {
            long n = db.one("counting " + name, "SELECT count(*) AS n FROM " + name.quoted(), rs -> rs.getLong("n"));
            return new SideCount(Map.of("", n), null);
        }
        boolean columnExists = db.one("looking up column " + spec.bucketColumn() + " of " + name, """
                SELECT EXISTS (SELECT 1 FROM pg_attribute
                                WHERE attrelid = to_regclass(?) AND attname = ? AND attnum > 0 AND NOT attisdropped) AS e
                """, rs -> rs.getBoolean("e"), name.quoted(), spec.bucketColumn());
        if (!columnExists) {
            return new SideCount(Map.of(), "column " + spec.bucketColumn() + " does not exist in " + name + " on " + db.where());
        }
        // The unit is a Bucket constant's own wire name, never text from outside, so it can be a literal.
        String unit = spec.bucket().wireName();
        String sql = "SELECT to_char(date_trunc('" + unit + "', " + Identifiers.quote(spec.bucketColumn())
                + "), 'YYYY-MM-DD\"T\"HH24:MI:SS') AS bucket, count(*) AS n FROM " + name.quoted() + " GROUP BY 1";
        Map<String, Long> buckets = new LinkedHashMap<>();
        db.list("counting " + name + " per " + unit, sql, rs -> {
            String bucket = rs.getString("bucket");
            return buckets.put(bucket == null ? NULL_BUCKET : bucket, rs.getLong("n"));
        });
        return new SideCount(buckets, null);
    }

    static TableRowCount compare(String table, SideCount source, SideCount target) {
        if (source.problem() != null || target.problem() != null) {
            String problem = source.problem() != null && target.problem() != null
                    ? "source: " + source.problem() + "; target: " + target.problem()
                    : source.problem() != null ? "source: " + source.problem() : "target: " + target.problem();
            return new TableRowCount(table, source.total(), target.total(), false, List.of(), problem);
        }
        List<BucketCount> mismatched = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(source.buckets().keySet());
        keys.addAll(target.buckets().keySet());
        for (String key : keys) {
            long s = source.buckets().getOrDefault(key, 0L);
            long t = target.buckets().getOrDefault(key, 0L);
            if (s != t && !key.isEmpty()) {
                mismatched.add(new BucketCount(key, s, t));
            }
        }
        boolean matches = source.total().equals(target.total()) && mismatched.isEmpty();
        return new TableRowCount(table, source.total(), target.total(), matches, mismatched, null);
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
        return b.toString();
    }
}
