package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
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
     * of the source's value and the largest value of every column it feeds on the target (smallest, for a descending
     * one), plus the buffer: rows can carry values the sequence never handed out (explicit ids, a load by DMS). A fed
     * column is read only through a leading btree index; one without, or one that cannot be read, is
     * {@link SequenceAction#COLUMN_UNREADABLE} and no table is scanned.
     */
    public SequenceSyncReport sync(List<String> schemas, Collection<Identifiers.QualifiedName> replicatedTables,
                                   long buffer, boolean dryRun, Duration timeout) {
        if (buffer < 0) {
            throw new IllegalArgumentException("buffer must be >= 0, was " + buffer);
        }
        if (schemas.isEmpty() && replicatedTables.isEmpty()) {
            throw new IllegalArgumentException("sequence sync needs at least one schema");
        }
        Deadline deadline = Deadline.in(timeout);
        List<Seq> sourceSeqs;
        Map<String, List<PgSequenceFeeds.Feed>> feeds;
        try (DbSession db = DbSession.open(source, deadline, STEP)) {
            feeds = PgSequenceFeeds.feeds(db, replicatedTables).stream()
                    .collect(Collectors.groupingBy(f -> f.sequence().toString(), LinkedHashMap::new,
                            Collectors.toList()));
            Set<String> all = new LinkedHashSet<>(schemas);
            feeds.values().forEach(list -> list.forEach(f -> all.add(f.sequence().schema())));
            schemas = List.copyOf(all);
            sourceSeqs = read(db, schemas);
        }
        List<SequenceSyncResult> results = new ArrayList<>();
        try (DbSession db = DbSession.open(target, deadline, STEP)) {
            List<Seq> targetSeqs = read(db, schemas);
            Map<String, Seq> byName = targetSeqs.stream()
                    .collect(Collectors.toMap(Seq::qualified, Function.identity()));
            Map<String, Seq> byOwner = targetSeqs.stream().filter(s -> s.ownedBy() != null)
                    .collect(Collectors.toMap(Seq::ownedBy, Function.identity(), (a, b) -> a));
            for (Seq src : sourceSeqs) {
                Seq tgt = byName.get(src.qualified());
                if (tgt == null && src.ownedBy() != null) {
                    tgt = byOwner.get(src.ownedBy());
                }
                // Only where there is something to set: a missing or unreadable sequence is reported as that.
                FedExtreme fed = tgt == null || !src.readable() ? new FedExtreme(null, null)
                        : fedExtreme(db, feeds.getOrDefault(src.qualified(), List.of()), tgt.increment() > 0);
                results.add(fed.problem() != null
                        ? result(src, tgt == null ? null : tgt.qualified(), null, tgt, tgt == null ? null
                        : tgt.lastValue(), SequenceAction.COLUMN_UNREADABLE, fed.problem())
                        : syncOne(db, src, tgt, fed.value(), buffer, dryRun));
            }
        }
        List<String> missing = results.stream().filter(r -> r.action() == SequenceAction.MISSING_ON_TARGET)
                .map(SequenceSyncResult::sequence).toList();
        List<String> problems = results.stream().filter(r -> PROBLEMS.contains(r.action()))
                .map(r -> r.sequence() + ": " + r.action() + (r.detail() == null ? "" : " (" + r.detail() + ")"))
                .toList();
        int advanced = (int) results.stream()
                .filter(r -> r.action() == SequenceAction.ADVANCED || r.action() == SequenceAction.WOULD_ADVANCE).count();
        return new SequenceSyncReport(schemas, buffer, dryRun, results, missing, problems, advanced,
                deadline.elapsedMillis());
    }

    /** The largest (smallest, descending) value of the fed columns on the target; null when they hold none. */
    record FedExtreme(Long value, String problem) {
    }

    static FedExtreme fedExtreme(DbSession db, List<PgSequenceFeeds.Feed> feeds, boolean ascending) {
        Long extreme = null;
        for (PgSequenceFeeds.Feed feed : feeds) {
            if (!leadingBtreeIndex(db, feed.table(), feed.column())) {
                return new FedExtreme(null, "column " + feed.describeColumn() + " has no leading btree index on "
                        + db.where() + ": its largest value is not read inside the write window (add an index)");
            }
            Long value;
            try {
                value = db.one("reading the largest value of " + feed.describeColumn(),
                        "SELECT " + (ascending ? "max(" : "min(") + Identifiers.quote(feed.column()) + ")::bigint AS v"
                                + " FROM " + feed.table().quoted(), rs -> DbSession.nullableLong(rs, "v"));
            } catch (DatabaseStepException e) {
                return new FedExtreme(null, "column " + feed.describeColumn() + " could not be read on "
                        + db.where() + ": " + e.getMessage());
            }
            if (value != null && (extreme == null || (ascending ? value > extreme : value < extreme))) {
                extreme = value;
            }
        }
        return new FedExtreme(extreme, null);
    }

    static boolean leadingBtreeIndex(DbSession db, Identifiers.QualifiedName table, String column) {
        return db.one("looking for a leading btree index on " + table + "." + column, """
                SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                                 JOIN pg_am am ON am.oid = ic.relam
                                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                                WHERE i.indrelid = to_regclass(?) AND a.attname = ? AND am.amname = 'btree'
                                  AND i.indisvalid AND i.indpred IS NULL) AS e""",
                rs -> rs.getBoolean("e"), table.quoted(), column);
    }

    private static SequenceSyncResult syncOne(DbSession db, Seq src, Seq tgt, Long fedExtreme, long buffer,
                                              boolean dryRun) {
        String targetName = tgt == null ? null : tgt.qualified();
        if (!src.readable()) {
            return result(src, targetName, null, tgt, null, SequenceAction.UNREADABLE_ON_SOURCE,
                    "no SELECT/USAGE privilege on the source sequence");
        }
        if (tgt == null) {
            return result(src, null, null, null, null, SequenceAction.MISSING_ON_TARGET, null);
        }
        if (src.lastValue() == null && fedExtreme == null) {
            return result(src, targetName, null, tgt, tgt.lastValue(), SequenceAction.SOURCE_NEVER_USED, null);
        }
        boolean ascending = tgt.increment() > 0;
        long floor = src.lastValue() == null ? fedExtreme : fedExtreme == null ? src.lastValue()
                : ascending ? Math.max(src.lastValue(), fedExtreme) : Math.min(src.lastValue(), fedExtreme);
        Long wanted = wanted(floor, buffer, ascending);
        if (wanted == null || wanted < tgt.minValue() || wanted > tgt.maxValue()) {
            return result(src, targetName, wanted, tgt, tgt.lastValue(), SequenceAction.OUT_OF_RANGE,
                    "source " + src.lastValue() + (fedExtreme == null ? "" : ", fed columns " + fedExtreme)
                            + " with buffer " + buffer + " is outside the target's range ["
                            + tgt.minValue() + ", " + tgt.maxValue() + "]");
        }
        Long before = tgt.lastValue();
        boolean ahead = before != null && (ascending ? before >= wanted : before <= wanted);
        if (ahead) {
            return result(src, targetName, wanted, tgt, before, SequenceAction.ALREADY_AHEAD, null);
        }
        if (dryRun) {
            return result(src, targetName, wanted, tgt, before, SequenceAction.WOULD_ADVANCE, null);
        }
        long after = db.one("setting sequence " + targetName,
                "SELECT setval(format('%I.%I', ?::text, ?::text)::regclass, ?, true) AS v",
                rs -> rs.getLong("v"), tgt.schema(), tgt.name(), wanted);
        return result(src, targetName, wanted, tgt, after, SequenceAction.ADVANCED, null);
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
        // deptype 'a' = owned by a column (serial, OWNED BY), 'i' = an identity column's sequence.
        return db.list("reading sequences of " + schemas, """
                SELECT n.nspname, c.relname, ps.last_value,
                       s.seqincrement, s.seqmin, s.seqmax,
                       has_sequence_privilege(c.oid, 'SELECT') OR has_sequence_privilege(c.oid, 'USAGE') AS readable,
                       CASE WHEN d.objid IS NOT NULL
                            THEN format('%s.%s.%s', tn.nspname, t.relname, a.attname) END AS owned_by,
                       coalesce(d.deptype = 'i', false) AS identity
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_sequence s ON s.seqrelid = c.oid
                  LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
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
