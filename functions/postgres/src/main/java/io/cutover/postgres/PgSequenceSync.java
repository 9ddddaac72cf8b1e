package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.FedColumn;
import io.cutover.core.port.db.FedColumnReads;
import io.cutover.core.port.db.SequenceAction;
import io.cutover.core.port.db.SequenceSyncReport;
import io.cutover.core.port.db.SequenceSyncResult;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Carries sequence positions from the source to the target (logical replication and DMS copy rows, not
 * sequence state). Every sequence of the schemas counts: column-owned ({@code serial}), identity and free-standing.
 *
 * <p>Sets target sequences from the source's {@code pg_sequences.last_value} (NULL there means the sequence never
 * handed out a value, or that this login may not read it; the two are told apart with {@code has_sequence_privilege}).
 * A target sequence missing under its source name is looked for through the column that owns it
 * ({@code serial}/identity sequences may be named differently on a target created by other tools).
 */
public final class PgSequenceSync {
    private static final String STEP = "sequence sync";
    private static final Set<SequenceAction> PROBLEMS = EnumSet.of(SequenceAction.MISSING_ON_TARGET,
            SequenceAction.OUT_OF_RANGE, SequenceAction.UNREADABLE_ON_SOURCE, SequenceAction.COLUMN_UNREADABLE);

    private final JdbcConnections source;
    private final JdbcConnections target;

    public PgSequenceSync(JdbcConnections source, JdbcConnections target) {
        this.source = source;
        this.target = target;
    }

    /** One sequence as read from a database. */
    record Seq(String schema, String name, Long lastValue, long increment, long minValue, long maxValue,
               boolean readable, String ownedBy, boolean identity) {
        String qualified() {
            return schema + "." + name;
        }
    }

    /**
     * Sets each target sequence to at least the source's last value plus {@code buffer}; never moves a target
     * sequence backwards. Idempotent: a second run finds everything {@link SequenceAction#ALREADY_AHEAD}.
     *
     * @param schemas schemas whose sequences to sync
     * @param buffer  safety margin ≥ 0 for values the source hands out after the read
     * @param dryRun  report what would change without changing it
     * @param timeout the whole sync must finish within this
     * @throws io.cutover.core.port.db.DatabaseStepException when a database cannot be read or written in time
     */
    public SequenceSyncReport sync(List<String> schemas, long buffer, boolean dryRun, Duration timeout) {
        return sync(schemas, List.of(), buffer, dryRun, timeout);
    }

    /**
     * As {@link #sync(List, long, boolean, Duration)}, and also every sequence that feeds a column of
     * {@code replicatedTables} in any schema ({@link PgSequenceFeeds}); such a sequence is set to at least the greater
     * of the source's value and the largest value of every column it feeds on the source and on the target (smallest,
     * for a descending one), plus the buffer: rows can carry values the sequence never handed out (explicit ids, a load
     * by DMS), and the target may not have applied the last of them yet. A fed column is read only through a leading
     * btree index, on each side; one without, or one that cannot be read, is {@link SequenceAction#COLUMN_UNREADABLE}
     * and no table is scanned.
     */
    public SequenceSyncReport sync(List<String> schemas, Collection<Identifiers.QualifiedName> replicatedTables,
                                   long buffer, boolean dryRun, Duration timeout) {
        return sync(schemas, replicatedTables, buffer, dryRun, timeout, FedColumnReads.ALL);
    }

    /**
     * As {@link #sync(List, Collection, long, boolean, Duration)}, after a pre-sync ({@code reads} not
     * {@link FedColumnReads#all}; issue 20: the catalog's feeds query takes about 0.15 s on a new connection for 3000
     * fed columns here, more than the rest of the source's side): the fed columns are taken from it when the source's sequences still digest as they did then (no sequence added, dropped,
     * renamed or re-owned since), and only its recheck columns are read on the target; the others already stand past
     * their columns there (the pre-sync set them, and a sync never moves one back). Another digest (a sequence added,
     * dropped, renamed or re-owned in those schemas, or any column that began or stopped taking values from a sequence,
     * anywhere: {@link #digest}) reads the catalog and every fed column, as without a pre-sync.
     */
    public SequenceSyncReport sync(List<String> schemas, Collection<Identifiers.QualifiedName> replicatedTables,
                                   long buffer, boolean dryRun, Duration timeout, FedColumnReads reads) {
        if (buffer < 0) {
            throw new IllegalArgumentException("buffer must be >= 0, was " + buffer);
        }
        if (schemas.isEmpty() && replicatedTables.isEmpty()) {
            throw new IllegalArgumentException("sequence sync needs at least one schema");
        }
        Deadline deadline = Deadline.in(timeout);
        FedColumnReads presync = reads == null || reads.all() ? null : reads;
        // The target's sequences are read while the source is (issue 20: each side pays its own cold catalog, about
        // 0.15-0.25 s for 3000 sequences on a new connection here, so the two at once take the longer, not the sum).
        Set<String> known = new LinkedHashSet<>(schemas);
        replicatedTables.forEach(t -> known.add(t.schema()));
        if (presync != null) {
            known.addAll(presync.schemas());
        }
        java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sequence-sync-source");
            t.setDaemon(true);
            return t;
        });
        SourceRead read;
        List<SequenceSyncResult> results;
        List<String> fedAheadOfSource = new ArrayList<>();
        try {
            List<String> configured = schemas;
            java.util.concurrent.Future<SourceRead> sourceRead = reader.submit(() -> readSource(configured,
                    replicatedTables, presync, deadline));
            try (DbSession db = DbSession.open(target, deadline, STEP)) {
                List<Seq> targetSeqs = new ArrayList<>(read(db, List.copyOf(known)));
                read = await(sourceRead, deadline);
                List<String> more = read.schemas().stream().filter(schema -> !known.contains(schema)).toList();
                if (!more.isEmpty()) {
                    targetSeqs.addAll(read(db, more));
                }
                results = syncOnTarget(db, targetSeqs, read.sequences(), read.feeds(), read.fed(), buffer, dryRun,
                        fedAheadOfSource);
            }
        } finally {
            reader.shutdownNow();
        }
        Map<String, List<FedColumn>> feeds = read.feeds();
        int fedColumnsRead = feeds.values().stream().mapToInt(List::size).sum();
        List<FedColumn> fedAheadColumns = fedAheadOfSource.stream()
                .flatMap(sequence -> feeds.getOrDefault(sequence, List.of()).stream()).toList();
        List<String> missing = results.stream().filter(r -> r.action() == SequenceAction.MISSING_ON_TARGET)
                .map(SequenceSyncResult::sequence).toList();
        List<String> problems = results.stream().filter(r -> PROBLEMS.contains(r.action()))
                .map(r -> r.sequence() + ": " + r.action() + (r.detail() == null ? "" : " (" + r.detail() + ")"))
                .toList();
        int advanced = (int) results.stream()
                .filter(r -> r.action() == SequenceAction.ADVANCED || r.action() == SequenceAction.WOULD_ADVANCE).count();
        return new SequenceSyncReport(read.schemas(), buffer, dryRun, results, missing, problems, advanced,
                deadline.elapsedMillis(), fedColumnsRead, read.fedColumns() - fedColumnsRead, fedAheadOfSource,
                fedAheadColumns, read.fedColumns(), read.digest(), read.feedsFromPresync());
    }

    /**
     * What the source gave: every schema synced, its sequences, the fed columns to read (by sequence), how many fed
     * columns there are in all, and whether they came from the pre-sync.
     */
    private record SourceRead(List<String> schemas, List<Seq> sequences, Map<String, List<FedColumn>> feeds,
                              int fedColumns, boolean feedsFromPresync, FedExtreme[] fed, String digest) {
    }

    private SourceRead readSource(List<String> schemas, Collection<Identifiers.QualifiedName> replicatedTables,
                                  FedColumnReads presync, Deadline deadline) {
        try (DbSession db = DbSession.open(source, deadline, STEP)) {
            String dependencies = dependencyDigest(db);
            if (presync != null) {
                List<Seq> sequences = read(db, presync.schemas());
                String digest = digest(sequences, dependencies);
                if (digest.equals(presync.sequencesDigest())) {
                    Map<String, List<FedColumn>> feeds = bySequence(presync.recheck());
                    return new SourceRead(presync.schemas(), sequences, feeds, presync.fedColumns(), true,
                            sourceExtremes(db, sequences, feeds), digest);
                }
            }
            List<FedColumn> all = PgSequenceFeeds.feeds(db, replicatedTables).stream().map(PgSequenceSync::fedColumn)
                    .toList();
            Set<String> synced = new LinkedHashSet<>(schemas);
            all.forEach(f -> synced.add(f.sequenceSchema()));
            List<String> list = List.copyOf(synced);
            List<Seq> sequences = read(db, list);
            Map<String, List<FedColumn>> feeds = bySequence(all);
            return new SourceRead(list, sequences, feeds, all.size(), false, sourceExtremes(db, sequences, feeds),
                    digest(sequences, dependencies));
        }
    }

    /**
     * The fed columns' extremes on the source too. The sync may run while the target still applies what the source
     * committed before the fence (beside the drain, issue 20), and the source then already holds every row the drain
     * brings; the target's own read covers rows only the target has. The larger of the two counts.
     */
    private static FedExtreme[] sourceExtremes(DbSession db, List<Seq> sequences, Map<String, List<FedColumn>> feeds) {
        List<FedRead> reads = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            Seq seq = sequences.get(i);
            if (seq.readable()) {
                for (FedColumn column : feeds.getOrDefault(seq.qualified(), List.of())) {
                    reads.add(new FedRead(i, feed(column), seq.increment() > 0));
                }
            }
        }
        return fedExtremes(db, reads, sequences.size());
    }

    private static FedColumn fedColumn(PgSequenceFeeds.Feed feed) {
        return new FedColumn(feed.sequence().schema(), feed.sequence().name(), feed.table().schema(),
                feed.table().name(), feed.column());
    }

    /** As read on the target: whether it is indexed there is asked there (fedExtremes). */
    private static PgSequenceFeeds.Feed feed(FedColumn column) {
        return new PgSequenceFeeds.Feed(new Identifiers.QualifiedName(column.sequenceSchema(), column.sequenceName()),
                new Identifiers.QualifiedName(column.tableSchema(), column.tableName()), column.column(), true);
    }

    private static Map<String, List<FedColumn>> bySequence(List<FedColumn> columns) {
        return columns.stream().collect(Collectors.groupingBy(FedColumn::sequence, LinkedHashMap::new,
                Collectors.toList()));
    }

    /**
     * SHA-256 over the source's sequences in catalog order (name and owning column, a line each) and the catalog's
     * digest of every dependency that makes a sequence feed a column ({@link #dependencyDigest}): a sequence added,
     * dropped, renamed or re-owned, or a column that began (or stopped) taking values from one, anywhere in the
     * database, changes it.
     */
    static String digest(List<Seq> sequences, String dependencies) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (Seq seq : sequences) {
            sha.update((seq.qualified() + "\t" + seq.ownedBy() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        sha.update(dependencies.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /**
     * md5 of the dependencies by which sequences feed columns, as {@link PgSequenceFeeds} finds them (an owned or
     * identity sequence's on its column, a column default's on the sequence it calls), by object id. Object ids only,
     * no join to names: about 20 ms on a new connection for 12 000 dependencies here, where the feeds query takes 0.15 s.
     */
    static String dependencyDigest(DbSession db) {
        return db.one("digesting the sequences' column dependencies", """
                SELECT count(*) || ':' || coalesce(md5(string_agg(f.d, ',' ORDER BY f.d)), '') AS digest FROM (
                    SELECT d.objid::text || ':' || d.refobjid::text || ':' || d.refobjsubid AS d FROM pg_depend d
                     WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                       AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
                    UNION ALL
                    SELECT d.refobjid::text || ':' || ad.adrelid::text || ':' || ad.adnum FROM pg_depend d
                      JOIN pg_attrdef ad ON ad.oid = d.objid
                     WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass) f""",
                rs -> rs.getString("digest"));
    }

    private static <T> T await(java.util.concurrent.Future<T> future, Deadline deadline) {
        try {
            return future.get(deadline.remainingMillis() + JdbcConnections.SOCKET_GRACE_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new DatabaseStepException(STEP, "reading the source failed: " + e.getCause(), null, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DatabaseStepException(STEP, "reading the source did not finish before the deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseStepException(STEP, "interrupted");
        }
    }

    /** The largest (smallest, descending) value of the fed columns on the target; null when they hold none. */
    record FedExtreme(Long value, String problem) {
    }

    /** Of the two sides' extremes, a problem first (either side's), else the further one in the sequence's direction. */
    private static FedExtreme larger(FedExtreme target, FedExtreme source, boolean ascending) {
        if (target != null && target.problem() != null) {
            return target;
        }
        if (source != null && source.problem() != null) {
            return source;
        }
        Long a = target == null ? null : target.value();
        Long b = source == null ? null : source.value();
        if (a == null || b == null) {
            return a == null && b == null ? target : new FedExtreme(a == null ? b : a, null);
        }
        return new FedExtreme(ascending ? Math.max(a, b) : Math.min(a, b), null);
    }

    /** A fed column to read on one side, for the sequence at {@code sequence} in the source list. */
    private record FedRead(int sequence, PgSequenceFeeds.Feed feed, boolean ascending) {
    }

    /**
     * The target side in a few statements whatever the number of sequences (issue 20): the target's sequences (one
     * query), which fed columns have a leading btree index there (one), their extremes ({@link #FED_READS_PER_STATEMENT}
     * per UNION ALL statement), and every setval ({@link #SETVALS_PER_STATEMENT} per statement over arrays).
     */
    private static List<SequenceSyncResult> syncOnTarget(DbSession db, List<Seq> targetSeqs, List<Seq> sourceSeqs,
                                                         Map<String, List<FedColumn>> feeds, FedExtreme[] sourceFed,
                                                         long buffer, boolean dryRun,
                                                         List<String> fedAheadOfSource) {
        Map<String, Seq> byName = targetSeqs.stream().collect(Collectors.toMap(Seq::qualified, Function.identity()));
        Map<String, Seq> byOwner = targetSeqs.stream().filter(t -> t.ownedBy() != null)
                .collect(Collectors.toMap(Seq::ownedBy, Function.identity(), (a, b) -> a));
        List<Seq> targets = new ArrayList<>();
        List<FedRead> reads = new ArrayList<>();
        for (int i = 0; i < sourceSeqs.size(); i++) {
            Seq src = sourceSeqs.get(i);
            Seq tgt = byName.get(src.qualified());
            if (tgt == null && src.ownedBy() != null) {
                tgt = byOwner.get(src.ownedBy());
            }
            targets.add(tgt);
            // Only where there is something to set: a missing or unreadable sequence is reported as that.
            if (tgt != null && src.readable()) {
                for (FedColumn column : feeds.getOrDefault(src.qualified(), List.of())) {
                    reads.add(new FedRead(i, feed(column), tgt.increment() > 0));
                }
            }
        }
        FedExtreme[] fed = fedExtremes(db, reads, sourceSeqs.size());
        for (int i = 0; i < fed.length; i++) {
            Seq tgt = targets.get(i);
            fed[i] = tgt == null ? fed[i] : larger(fed[i], sourceFed[i], tgt.increment() > 0);
        }
        List<SequenceSyncResult> results = new ArrayList<>();
        List<Integer> toSet = new ArrayList<>();
        List<Long> wantedValues = new ArrayList<>();
        for (int i = 0; i < sourceSeqs.size(); i++) {
            Seq src = sourceSeqs.get(i);
            Seq tgt = targets.get(i);
            FedExtreme f = fed[i] == null ? new FedExtreme(null, null) : fed[i];
            if (f.problem() != null) {
                results.add(result(src, tgt.qualified(), null, tgt, tgt.lastValue(), SequenceAction.COLUMN_UNREADABLE,
                        f.problem()));
                continue;
            }
            if (f.value() != null && tgt != null && (src.lastValue() == null
                    || (tgt.increment() > 0 ? f.value() > src.lastValue() : f.value() < src.lastValue()))) {
                fedAheadOfSource.add(src.qualified());
            }
            Planned planned = plan(src, tgt, f.value(), buffer, dryRun);
            results.add(planned.result());
            if (planned.wanted() != null) {
                toSet.add(i);
                wantedValues.add(planned.wanted());
            }
        }
        for (int from = 0; from < toSet.size(); from += SETVALS_PER_STATEMENT) {
            int to = Math.min(toSet.size(), from + SETVALS_PER_STATEMENT);
            setAll(db, toSet.subList(from, to), wantedValues.subList(from, to), sourceSeqs, targets, results);
        }
        return results;
    }

    static final int FED_READS_PER_STATEMENT = 200;
    static final int SETVALS_PER_STATEMENT = 5000;

    /**
     * Per sequence, the extreme of its fed columns on the target. The index check is one statement for all columns; the
     * extremes are read {@link #FED_READS_PER_STATEMENT} at a time in one UNION ALL statement, an arm per table, each
     * extreme answered from one end of its index. A statement that fails (a column that is not a number, no privilege) is read again one
     * column at a time, so the failing column is named and the others still count.
     */
    private static FedExtreme[] fedExtremes(DbSession db, List<FedRead> reads, int sequences) {
        FedExtreme[] out = new FedExtreme[sequences];
        if (reads.isEmpty()) {
            return out;
        }
        List<Boolean> indexed = db.list("looking for leading btree indexes on the fed columns", """
                SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                                 JOIN pg_am am ON am.oid = ic.relam
                                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                                WHERE i.indrelid = to_regclass(u.tbl) AND a.attname = u.col AND am.amname = 'btree'
                                  AND i.indisvalid AND i.indpred IS NULL) AS e
                  FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS u(tbl, col, n)
                 ORDER BY u.n""", rs -> rs.getBoolean("e"),
                reads.stream().map(r -> r.feed().table().quoted()).toList(),
                reads.stream().map(r -> r.feed().column()).toList());
        List<FedRead> readable = new ArrayList<>();
        for (int k = 0; k < reads.size(); k++) {
            FedRead r = reads.get(k);
            if (!indexed.get(k)) {
                if (out[r.sequence()] == null || out[r.sequence()].problem() == null) {
                    out[r.sequence()] = new FedExtreme(null, "column " + r.feed().describeColumn() + " has no leading"
                            + " btree index on " + db.where() + ": its largest value is not read inside the write"
                            + " window (add an index)");
                }
            } else {
                readable.add(r);
            }
        }
        // A table's columns side by side, so that a chunk reads each table in one arm (readExtremes).
        readable.sort(java.util.Comparator.comparing((FedRead r) -> r.feed().table().quoted()));
        for (int from = 0; from < readable.size(); from += FED_READS_PER_STATEMENT) {
            List<FedRead> chunk = readable.subList(from, Math.min(readable.size(), from + FED_READS_PER_STATEMENT));
            Long[] values;
            try {
                values = readExtremes(db, chunk);
            } catch (DatabaseStepException e) {
                values = new Long[chunk.size()];
                for (int k = 0; k < chunk.size(); k++) {
                    try {
                        values[k] = readExtremes(db, List.of(chunk.get(k)))[0];
                    } catch (DatabaseStepException one) {
                        FedRead r = chunk.get(k);
                        out[r.sequence()] = new FedExtreme(null, "column " + r.feed().describeColumn()
                                + " could not be read on " + db.where() + ": " + one.getMessage());
                        values[k] = null;
                    }
                }
            }
            for (int k = 0; k < chunk.size(); k++) {
                FedRead r = chunk.get(k);
                FedExtreme current = out[r.sequence()];
                if (current != null && current.problem() != null) {
                    continue;
                }
                Long v = values[k];
                Long extreme = current == null ? null : current.value();
                if (v != null && (extreme == null || (r.ascending() ? v > extreme : v < extreme))) {
                    extreme = v;
                }
                out[r.sequence()] = new FedExtreme(extreme, null);
            }
        }
        return out;
    }

    /**
     * One statement for the chunk, one arm per table with the extremes of all its fed columns in one array: PostgreSQL
     * plans each {@code min}/{@code max} as a read of one end of an index, and an arm per column made it look up the
     * table's indexes once per column (about 0.7 s for 3000 columns over 30 tables of 100 indexed columns here,
     * 0.15 s grouped by table).
     */
    private static Long[] readExtremes(DbSession db, List<FedRead> chunk) {
        Map<Identifiers.QualifiedName, List<Integer>> byTable = new LinkedHashMap<>();
        for (int k = 0; k < chunk.size(); k++) {
            byTable.computeIfAbsent(chunk.get(k).feed().table(), t -> new ArrayList<>()).add(k);
        }
        StringBuilder sql = new StringBuilder();
        List<List<Integer>> arms = new ArrayList<>(byTable.values());
        for (int a = 0; a < arms.size(); a++) {
            if (a > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT ").append(a).append(" AS a, ARRAY[");
            List<Integer> columns = arms.get(a);
            for (int c = 0; c < columns.size(); c++) {
                FedRead r = chunk.get(columns.get(c));
                sql.append(c == 0 ? "" : ", ").append(r.ascending() ? "max(" : "min(")
                        .append(Identifiers.quote(r.feed().column())).append(")::bigint");
            }
            sql.append("] AS v FROM ").append(chunk.get(columns.get(0)).feed().table().quoted());
        }
        Long[] values = new Long[chunk.size()];
        db.list("reading the largest values of " + chunk.size() + " fed column(s) of " + arms.size() + " table(s)",
                sql.toString(), rs -> {
                    List<Integer> columns = arms.get(rs.getInt("a"));
                    Long[] v = (Long[]) rs.getArray("v").getArray();
                    for (int c = 0; c < columns.size(); c++) {
                        values[columns.get(c)] = v[c];
                    }
                    return null;
                });
        return values;
    }

    /**
     * One statement sets every sequence of the batch, and only where the target's value is still behind what is
     * wanted (an ascending sequence below it, a descending one above it, or never used): never backwards, even if
     * the target moved since it was read. Each target value is read per row with pg_sequence_last_value, as the
     * pg_sequences view reads it (a join with the whole view measured about 1 s for 2000 sequences here), before the
     * setval of its row (OFFSET 0 keeps the inner query whole). Results of sequences set are replaced by what setval
     * returned.
     */
    private static void setAll(DbSession db, List<Integer> indexes, List<Long> wanted, List<Seq> sourceSeqs,
                               List<Seq> targets, List<SequenceSyncResult> results) {
        List<String> schemas = indexes.stream().map(i -> targets.get(i).schema()).toList();
        List<String> names = indexes.stream().map(i -> targets.get(i).name()).toList();
        List<String> up = indexes.stream().map(i -> String.valueOf(targets.get(i).increment() > 0)).toList();
        db.list("setting " + indexes.size() + " sequence(s)", """
                SELECT u.n, CASE WHEN u.was IS NULL OR (u.up AND u.was < u.v) OR (NOT u.up AND u.was > u.v)
                                 THEN setval(format('%I.%I', u.s, u.q)::regclass, u.v, true) END AS set_to,
                       u.was
                  FROM (SELECT u.*, CASE WHEN has_sequence_privilege(format('%I.%I', u.s, u.q)::regclass,
                                                                     'SELECT,USAGE')
                                         THEN pg_sequence_last_value(format('%I.%I', u.s, u.q)::regclass) END AS was
                          FROM unnest(?::text[], ?::text[], ?::text[]::bigint[], ?::text[]::boolean[])
                               WITH ORDINALITY AS u(s, q, v, up, n) OFFSET 0) AS u
                 ORDER BY u.n""", rs -> {
            int i = indexes.get(rs.getInt("n") - 1);
            Seq src = sourceSeqs.get(i);
            Seq tgt = targets.get(i);
            Long setTo = DbSession.nullableLong(rs, "set_to");
            Long want = wanted.get(rs.getInt("n") - 1);
            results.set(i, setTo != null
                    ? result(src, tgt.qualified(), want, tgt, setTo, SequenceAction.ADVANCED, null)
                    : result(src, tgt.qualified(), want, tgt, DbSession.nullableLong(rs, "was"),
                    SequenceAction.ALREADY_AHEAD, "moved ahead on the target since it was read"));
            return null;
        }, schemas, names, wanted, up);
    }

    /**
     * What to do with one sequence: a final result, or (wanted not null) the value to set, with the result a set
     * would give until the set confirms it.
     */
    private record Planned(SequenceSyncResult result, Long wanted) {
    }

    private static Planned plan(Seq src, Seq tgt, Long fedExtreme, long buffer, boolean dryRun) {
        String targetName = tgt == null ? null : tgt.qualified();
        if (!src.readable()) {
            return new Planned(result(src, targetName, null, tgt, null, SequenceAction.UNREADABLE_ON_SOURCE,
                    "no SELECT/USAGE privilege on the source sequence"), null);
        }
        if (tgt == null) {
            return new Planned(result(src, null, null, null, null, SequenceAction.MISSING_ON_TARGET, null), null);
        }
        if (src.lastValue() == null && fedExtreme == null) {
            return new Planned(result(src, targetName, null, tgt, tgt.lastValue(), SequenceAction.SOURCE_NEVER_USED,
                    null), null);
        }
        boolean ascending = tgt.increment() > 0;
        long floor = src.lastValue() == null ? fedExtreme : fedExtreme == null ? src.lastValue()
                : ascending ? Math.max(src.lastValue(), fedExtreme) : Math.min(src.lastValue(), fedExtreme);
        Long wanted = wanted(floor, buffer, ascending);
        if (wanted == null || wanted < tgt.minValue() || wanted > tgt.maxValue()) {
            return new Planned(result(src, targetName, wanted, tgt, tgt.lastValue(), SequenceAction.OUT_OF_RANGE,
                    "source " + src.lastValue() + (fedExtreme == null ? "" : ", fed columns " + fedExtreme)
                            + " with buffer " + buffer + " is outside the target's range ["
                            + tgt.minValue() + ", " + tgt.maxValue() + "]"), null);
        }
        Long before = tgt.lastValue();
        boolean ahead = before != null && (ascending ? before >= wanted : before <= wanted);
        if (ahead) {
            return new Planned(result(src, targetName, wanted, tgt, before, SequenceAction.ALREADY_AHEAD, null), null);
        }
        if (dryRun) {
            return new Planned(result(src, targetName, wanted, tgt, before, SequenceAction.WOULD_ADVANCE, null), null);
        }
        return new Planned(result(src, targetName, wanted, tgt, before, SequenceAction.WOULD_ADVANCE, null), wanted);
    }

    /** {@code last ± buffer}, or null when that overflows a bigint. */
    static Long wanted(long last, long buffer, boolean ascending) {
        try {
            return ascending ? Math.addExact(last, buffer) : Math.subtractExact(last, buffer);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static SequenceSyncResult result(Seq src, String targetName, Long wanted, Seq tgt, Long after,
                                             SequenceAction action, String detail) {
        return new SequenceSyncResult(src.qualified(), targetName, src.ownedBy(), src.identity(), src.lastValue(),
                wanted, tgt == null ? null : tgt.lastValue(), after, action, detail);
    }

    static List<Seq> read(DbSession db, List<String> schemas) {
        // last_value as the pg_sequences view computes it (PostgreSQL docs, "pg_sequences": NULL when the sequence was
        // never used or the login may not read it), called directly: a lookup in the view per row measured 87 ms for
        // 3000 sequences here, the function 13 ms.
        // deptype 'a' = owned by a column (serial, OWNED BY), 'i' = an identity column's sequence.
        return db.list("reading sequences of " + schemas, """
                SELECT n.nspname, c.relname,
                       CASE WHEN has_sequence_privilege(c.oid, 'SELECT,USAGE')
                            THEN pg_sequence_last_value(c.oid) END AS last_value,
                       s.seqincrement, s.seqmin, s.seqmax,
                       has_sequence_privilege(c.oid, 'SELECT') OR has_sequence_privilege(c.oid, 'USAGE') AS readable,
                       CASE WHEN d.objid IS NOT NULL
                            THEN format('%s.%s.%s', tn.nspname, t.relname, a.attname) END AS owned_by,
                       coalesce(d.deptype = 'i', false) AS identity
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_sequence s ON s.seqrelid = c.oid
                  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                  LEFT JOIN pg_class t ON t.oid = d.refobjid
                  LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
                  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE c.relkind = 'S' AND n.nspname = ANY(?::text[])
                 ORDER BY n.nspname, c.relname
                """, rs -> new Seq(
                rs.getString("nspname"), rs.getString("relname"), DbSession.nullableLong(rs, "last_value"),
                rs.getLong("seqincrement"), rs.getLong("seqmin"), rs.getLong("seqmax"), rs.getBoolean("readable"),
                rs.getString("owned_by"), rs.getBoolean("identity")), schemas);
    }
}
