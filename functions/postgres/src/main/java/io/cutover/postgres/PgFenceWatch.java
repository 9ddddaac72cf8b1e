package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.time.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sees writes that go around the fence. The {@code read_only} fence sets {@code default_transaction_read_only},
 * which any session may turn off again ({@code SET default_transaction_read_only = off}, {@code BEGIN READ WRITE};
 * PostgreSQL docs, "Client Connection Defaults"), so the fence alone proves nothing. At the fence a logical slot
 * with the {@code test_decoding} plugin that ships with PostgreSQL starts to decode the source's WAL; before the
 * writer moves it is peeked ({@code pg_logical_slot_peek_changes}, which consumes nothing) for changes to replicated
 * tables past the fence position (PostgreSQL docs, "Replication Management Functions", "test_decoding").
 *
 * <p>The slot is created by the fence itself, after every session from before the fence has ended and before the fence
 * position is read: its creation waits for the transactions still running to end (PostgreSQL docs, "Logical Decoding
 * Concepts": a slot's changes start at a consistent point), so every transaction committed past the fence position is
 * decoded. It keeps WAL on the source while it exists, so it is dropped when the fence is lifted and when replication
 * stops after the switch.
 */
public final class PgFenceWatch {
    static final String SLOT_PREFIX = "cutover_fence_";
    static final String PLUGIN = "test_decoding";
    private static final String STEP = "fence watch";
    private static final String DUPLICATE_OBJECT = "42710";
    private static final int NAME_MAX = 63;
    /** {@code table public."Order Lines": INSERT: ...}, the relation quoted as quote_qualified_identifier does. */
    private static final Pattern CHANGE = Pattern.compile("^table (.+?): (INSERT|UPDATE|DELETE|TRUNCATE):");

    private final JdbcConnections source;

    public PgFenceWatch(JdbcConnections source) {
        this.source = source;
    }

    /** A change to a replicated table decoded past the fence. */
    public record Bypass(String lsn, String xid, Identifiers.QualifiedName table, String action) {
    }

    /**
     * @param changes  changes to replicated tables past the fence, in WAL order (at most the limit asked for)
     * @param sessions client sessions on the source active since the fence, as {@code role (pid)}: who wrote, where
     *                 the writer is still connected (the decoded WAL does not name roles)
     */
    public record Report(String slot, List<Bypass> changes, List<String> sessions) {
        public boolean bypassed() {
            return !changes.isEmpty();
        }
    }

    /** A slot name for the migration: lower-case letters, digits and underscores, at most 63 characters. */
    public static String slotName(String migrationId) {
        String name = SLOT_PREFIX + migrationId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() <= NAME_MAX ? name : name.substring(0, NAME_MAX);
    }

    /**
     * Creates the slot, or keeps one a repeated fence created (its start stays the first fence's).
     *
     * @return the position decoding starts at
     */
    public String begin(String slot, Duration timeout) {
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            return begin(db, slot);
        }
    }

    /** As {@link #begin(String, Duration)}, on a session of the caller's (the fence's own). */
    static String begin(DbSession db, String slot) {
        return position(db, slot).orElseGet(() -> {
            try {
                return db.one("creating the fence watch slot " + slot,
                        "SELECT lsn::text AS lsn FROM pg_create_logical_replication_slot(?, ?)",
                        rs -> rs.getString("lsn"), slot, PLUGIN);
            } catch (DatabaseStepException e) {
                if (!DUPLICATE_OBJECT.equals(e.sqlState())) {
                    throw e;
                }
                // Another invocation created it meanwhile: the same watch.
                return position(db, slot).orElseThrow(() -> e);
            }
        });
    }

    /**
     * Changes to {@code tables} decoded past {@code fenceLsn}; consumes nothing, so a repeated check sees the same.
     * Sessions whose state changed since {@code fencedAt} (ISO-8601) are named with them.
     *
     * @throws DatabaseStepException when the slot is missing (the watch cannot vouch for the fence) or unreadable
     */
    public Report changesPastFence(String slot, String fenceLsn, String fencedAt,
                                   Collection<Identifiers.QualifiedName> tables, int limit, Duration timeout) {
        Set<Identifiers.QualifiedName> watched = Set.copyOf(tables);
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            if (position(db, slot).isEmpty()) {
                throw new DatabaseStepException(STEP, "the fence watch slot " + slot + " does not exist on "
                        + db.where() + ": writes past the fence cannot be ruled out");
            }
            // The fence position is pg_current_wal_lsn() after the fence's last commit: where the next record goes.
            // A change recorded at it was written after the fence.
            List<String[]> rows = db.list("reading the changes past the fence from slot " + slot, """
                    SELECT lsn::text AS lsn, xid::text AS xid, data FROM pg_logical_slot_peek_changes(?, NULL, NULL)
                     WHERE lsn >= ?::pg_lsn AND data LIKE 'table %'""",
                    rs -> new String[] {rs.getString("lsn"), rs.getString("xid"), rs.getString("data")},
                    slot, fenceLsn);
            List<Bypass> changes = new ArrayList<>();
            for (String[] row : rows) {
                for (Bypass change : parse(row[0], row[1], row[2])) {
                    if (watched.contains(change.table()) && changes.size() < limit) {
                        changes.add(change);
                    }
                }
            }
            List<String> sessions = changes.isEmpty() ? List.of() : db.list("naming the sessions active since the fence",
                    """
                    SELECT usename || ' (pid ' || pid || ')' AS s FROM pg_stat_activity
                     WHERE backend_type = 'client backend' AND datname = current_database()
                       AND pid <> pg_backend_pid() AND usename <> session_user
                       AND state_change >= ?::timestamptz
                     ORDER BY backend_start""", rs -> rs.getString("s"), fencedAt);
            return new Report(slot, changes, sessions);
        }
    }

    /** Drops the slot; idempotent. @return whether there was one to drop */
    public boolean end(String slot, Duration timeout) {
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            if (position(db, slot).isEmpty()) {
                return false;
            }
            db.one("dropping the fence watch slot " + slot, "SELECT pg_drop_replication_slot(?)::text AS d",
                    rs -> rs.getString("d"), slot);
            return true;
        }
    }

    private static java.util.Optional<String> position(DbSession db, String slot) {
        return db.optional("looking up slot " + slot, """
                SELECT coalesce(confirmed_flush_lsn, restart_lsn)::text AS lsn FROM pg_replication_slots
                 WHERE slot_name = ? AND database = current_database()""", rs -> rs.getString("lsn"), slot);
    }

    /** The relations one decoded line names (a TRUNCATE may name several). */
    static List<Bypass> parse(String lsn, String xid, String data) {
        Matcher m = CHANGE.matcher(data);
        if (!m.find()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        if (m.group(2).equals("TRUNCATE")) {
            names.addAll(List.of(m.group(1).split(", ")));
        } else {
            names.add(m.group(1));
        }
        return names.stream().map(n -> new Bypass(lsn, xid, Identifiers.parseQualified(n), m.group(2))).toList();
    }
}
