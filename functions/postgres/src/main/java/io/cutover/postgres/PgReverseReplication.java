package io.cutover.postgres;

import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.ReverseReplicationRefusedException;
import io.cutover.core.port.db.ReverseReplicationReport;
import io.cutover.core.port.db.ReverseReplicationRequest;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse replication of the fall-back window (target → source), set up at the switch while the source is
 * fenced and drained, before the writer moves. In this order, each step idempotent:
 * <ol>
 *   <li>the forward subscriptions on the target are disabled and their apply workers waited out, so no
 *       forward-applied change can land on the target after the reverse slot's start;</li>
 *   <li>a publication on the target for the tables the forward subscriptions replicate (created before the slot:
 *       pgoutput reads publications with the slot's historic snapshot);</li>
 *   <li>a logical slot on the target ({@code pgoutput}): its start is where the reverse stream begins;</li>
 *   <li>a subscription on the source using that slot: {@code copy_data = false} (the source already has every row
 *       up to the fence), {@code create_slot = false}, {@code origin = none} when both servers are PostgreSQL 16+
 *       (PostgreSQL docs, CREATE SUBSCRIPTION). It is owned by the source login, which the fence refuses to touch:
 *       the apply worker runs as its owner and loads the owner's role settings, so a fenced owner would apply
 *       nothing.</li>
 * </ol>
 *
 * <p>On Aurora PostgreSQL the target is the publisher here: it needs {@code rds.logical_replication = 1} in its DB
 * cluster parameter group (forward replication needs it on the source only, so set it on the cluster before the
 * cutover: it takes a reboot), a login with {@code rds_replication} for the slot, and a security group letting the
 * source reach it (Amazon Aurora User Guide, "Using PostgreSQL logical replication with Aurora" and "Example: Using
 * logical replication with Aurora PostgreSQL DB clusters").
 */
public final class PgReverseReplication {
    static final String STEP = "reverse replication";
    // Inside the write window: a worker exits or starts within tens of ms, and each poll is one catalog read.
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int ORIGIN_NONE_SINCE = 160000;
    private static final String NATIVE_PLUGIN = "pgoutput";
    /** The output plugin DMS reads a PostgreSQL source's slot with (its default; pglogical is the other). */
    private static final String DMS_PLUGIN = "test_decoding";

    private final JdbcConnections source;
    private final JdbcConnections target;

    public PgReverseReplication(JdbcConnections source, JdbcConnections target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Stops forward replication and starts the reverse one, as the class says.
     *
     * @throws ReverseReplicationRefusedException when it cannot be set up safely
     * @throws DatabaseStepException              when a database cannot be reached or a step does not finish in time
     */
    public ReverseReplicationReport start(ReverseReplicationRequest request, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        List<String> created = new ArrayList<>();
        List<String> tables;
        String slotStart;
        int targetVersion;
        try (DbSession db = DbSession.open(target, deadline, STEP)) {
            targetVersion = serverVersion(db);
            stopForward(db, request.forwardSubscriptions());
            tables = replicatedTables(db, request.forwardSubscriptions());
            slotStart = publicationAndSlot(db, request, tables, created);
        }
        String owner;
        boolean originNone;
        try (DbSession db = DbSession.open(source, deadline, STEP)) {
            originNone = targetVersion >= ORIGIN_NONE_SINCE && serverVersion(db) >= ORIGIN_NONE_SINCE;
            owner = subscriptionOwner(db, request.subscription()).orElse(null);
            if (owner == null) {
                owner = db.one("reading the source login", "SELECT current_user AS u", rs -> rs.getString("u"));
                refuseOwner(db, owner, request);
                db.execute("creating subscription " + request.subscription(), createSubscription(request, originNone));
                created.add("subscription " + request.subscription() + " on the source");
            } else {
                refuseOwner(db, owner, request);
            }
        }
        awaitSlotActive(request.slot(), deadline);
        return new ReverseReplicationReport(request.forwardSubscriptions(), tables, slotStart, originNone, owner,
                created, deadline.elapsedMillis());
    }

    /**
     * Before the fence (issue 20): the reverse publication and slot on the target, so that the switch only stops
     * forward replication and creates the subscription. Creating a logical slot waits for every transaction running
     * with a transaction id to end (PostgreSQL docs, "Logical Decoding Concepts": the slot needs a consistent snapshot),
     * such as an autovacuum ANALYZE of a big table, 2 s at 10 M rows here inside the write window. Only where both
     * servers are PostgreSQL 16+: the reverse subscription then takes {@code origin = none}, so the changes the forward
     * subscriptions apply on the target after the slot's start (their replication origin is set) are not sent back
     * (PostgreSQL docs, CREATE SUBSCRIPTION, origin). Before 16 the slot must start after forward replication stopped,
     * as {@link #start} creates it. Idempotent.
     *
     * @return what was created (empty when it existed), or empty with {@code prepared} false before 16
     */
    public Prepared prepare(ReverseReplicationRequest request, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        int sourceVersion;
        try (DbSession db = DbSession.open(source, deadline, STEP)) {
            sourceVersion = serverVersion(db);
        }
        List<String> created = new ArrayList<>();
        try (DbSession db = DbSession.open(target, deadline, STEP)) {
            if (sourceVersion < ORIGIN_NONE_SINCE || serverVersion(db) < ORIGIN_NONE_SINCE) {
                return new Prepared(false, List.of(), "the reverse slot is created at the switch: a server is before"
                        + " PostgreSQL 16, so the reverse subscription cannot take origin = none");
            }
            publicationAndSlot(db, request, replicatedTables(db, request.forwardSubscriptions()), created);
        }
        return new Prepared(true, created, null);
    }

    /**
     * The publication for the forward-replicated tables, then the slot (pgoutput reads publications with the slot's
     * historic snapshot, so the publication comes first); each kept when it exists.
     *
     * @return the slot's start
     */
    private static String publicationAndSlot(DbSession db, ReverseReplicationRequest request, List<String> tables,
                                             List<String> created) {
        if (tables.isEmpty()) {
            throw new ReverseReplicationRefusedException("the forward subscriptions " + request.forwardSubscriptions()
                    + " replicate no table on " + db.where() + ": nothing to replicate back");
        }
        if (!exists(db, "SELECT 1 FROM pg_publication WHERE pubname = ?", request.publication())) {
            db.execute("creating publication " + request.publication(), "CREATE PUBLICATION "
                    + Identifiers.quote(request.publication()) + " FOR TABLE " + String.join(", ", tables));
            created.add("publication " + request.publication() + " on the target");
        }
        return slot(db, request.slot(), NATIVE_PLUGIN, created);
    }

    /** @param prepared the publication and slot exist; @param reason why not, or null */
    public record Prepared(boolean prepared, List<String> created, String reason) {
    }

    /**
     * The reverse replication over DMS: the logical slot on the target that the reverse task's source endpoint names
     * ({@code PostgreSqlSettings.SlotName}), created with {@code test_decoding}, the plugin DMS reads a PostgreSQL
     * source with. DMS starts a CDC task from a native start point only from a slot that already exists (DMS API
     * Reference, StartReplicationTask, CdcStartPosition), so the cutover creates it, after the forward task stopped
     * and before the writer moves: every change the forward task applied is before the slot's start, every write the
     * target takes after the switch is after it. Idempotent: an existing slot gives its confirmed position.
     *
     * @return the slot's start (the reverse task's CdcStartPosition), and whether this call created it
     */
    public DmsSlot dmsSlot(String slot, Duration timeout) {
        List<String> created = new ArrayList<>();
        try (DbSession db = DbSession.open(target, Deadline.in(timeout), STEP)) {
            String start = slot(db, slot, DMS_PLUGIN, created);
            return new DmsSlot(slot, start, !created.isEmpty());
        }
    }

    /** @param start the slot's confirmed position: where the reverse task starts */
    public record DmsSlot(String slot, String start, boolean created) {
    }

    /**
     * Stops the reverse replication (the fall-back window closes): the subscription on the source is disabled and
     * its apply worker waited out. Idempotent; a missing subscription is already stopped.
     *
     * @return true when a subscription was found (and is now disabled)
     */
    public boolean stop(String subscription, Duration timeout) {
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            if (!exists(db, "SELECT 1 FROM pg_subscription WHERE subname = ?", subscription)) {
                return false;
            }
            stopSubscriptions(db, List.of(subscription));
            return true;
        }
    }

    /**
     * Enables the forward subscriptions again (a rollback before the writer moved): each resumes from its slot's
     * confirmed position. Subscriptions that do not exist are left out of the answer; idempotent.
     */
    public List<String> resumeForward(List<String> subscriptions, Duration timeout) {
        List<String> enabled = new ArrayList<>();
        try (DbSession db = DbSession.open(target, Deadline.in(timeout), STEP)) {
            for (String subscription : subscriptions) {
                if (exists(db, "SELECT 1 FROM pg_subscription WHERE subname = ?", subscription)) {
                    db.execute("enabling subscription " + subscription, "ALTER SUBSCRIPTION "
                            + Identifiers.quote(subscription) + " ENABLE");
                    enabled.add(subscription);
                }
            }
        }
        return List.copyOf(enabled);
    }

    private static void stopForward(DbSession db, List<String> subscriptions) {
        List<String> found = db.list("finding the forward subscriptions",
                "SELECT subname FROM pg_subscription WHERE subname = ANY(?::text[])", rs -> rs.getString(1),
                subscriptions);
        List<String> missing = subscriptions.stream().filter(s -> !found.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new ReverseReplicationRefusedException("forward subscriptions missing on " + db.where() + ": "
                    + missing + " (cannot prove forward replication stopped)");
        }
        stopSubscriptions(db, subscriptions);
    }

    /** Disables the subscriptions and waits until none of their workers runs (a disabled one exits soon after). */
    private static void stopSubscriptions(DbSession db, List<String> subscriptions) {
        for (String s : subscriptions) {
            db.execute("disabling subscription " + s, "ALTER SUBSCRIPTION " + Identifiers.quote(s) + " DISABLE");
        }
        while (true) {
            List<String> running = db.list("waiting for the apply workers of " + subscriptions + " to exit",
                    "SELECT DISTINCT subname FROM pg_stat_subscription WHERE subname = ANY(?::text[])"
                            + " AND pid IS NOT NULL", rs -> rs.getString(1), subscriptions);
            if (running.isEmpty()) {
                return;
            }
            if (db.deadline().expired()) {
                throw new DatabaseStepException(STEP, "apply workers still running on " + db.where()
                        + " after disabling: " + running);
            }
            db.deadline().pause(POLL, DbSession.INTERRUPTED);
        }
    }

    private static List<String> replicatedTables(DbSession db, List<String> subscriptions) {
        return db.list("reading the replicated tables", """
                SELECT DISTINCT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS t
                  FROM pg_subscription_rel sr JOIN pg_subscription s ON s.oid = sr.srsubid
                  JOIN pg_class c ON c.oid = sr.srrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE s.subname = ANY(?::text[]) ORDER BY 1""", rs -> rs.getString("t"), subscriptions);
    }

    /** Creates the slot unless it exists; its start either way (a slot of another plugin is refused). */
    private static String slot(DbSession db, String slot, String plugin, List<String> created) {
        Optional<String[]> existing = db.optional("reading slot " + slot,
                "SELECT plugin, confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = ?",
                rs -> new String[] {rs.getString("plugin"), rs.getString("lsn")}, slot);
        if (existing.isPresent()) {
            if (!plugin.equals(existing.get()[0])) {
                throw new ReverseReplicationRefusedException("slot " + slot + " exists on " + db.where()
                        + " with plugin " + existing.get()[0] + ", not " + plugin);
            }
            return existing.get()[1];
        }
        String lsn = db.one("creating slot " + slot,
                "SELECT lsn::text AS lsn FROM pg_create_logical_replication_slot(?, ?)",
                rs -> rs.getString("lsn"), slot, plugin);
        created.add("slot " + slot + " on the target");
        return lsn;
    }

    private static Optional<String> subscriptionOwner(DbSession db, String subscription) {
        return db.optional("reading subscription " + subscription, """
                SELECT r.rolname FROM pg_subscription s JOIN pg_roles r ON r.oid = s.subowner
                 WHERE s.subname = ? AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, rs -> rs.getString(1), subscription);
    }

    /** The owner's apply worker must be able to write: not a fenced role, not read-only by its own settings. */
    private static void refuseOwner(DbSession db, String owner, ReverseReplicationRequest request) {
        if (request.fencedRoles().contains(owner)) {
            throw new ReverseReplicationRefusedException("the reverse subscription would be owned by " + owner
                    + ", a fenced application role: its apply worker would be read-only; use another login");
        }
        RoleSettings.State state = RoleSettings.read(db, List.of(owner)).get(owner);
        if (state != null && state.readOnlySettings().stream().anyMatch(e -> RoleSettings.isTrue(e.value()))) {
            throw new ReverseReplicationRefusedException("the reverse subscription's owner " + owner + " has "
                    + RoleSettings.READ_ONLY_GUC + " = on in its role settings: its apply worker could not write");
        }
    }

    private static String createSubscription(ReverseReplicationRequest request, boolean originNone) {
        return "CREATE SUBSCRIPTION " + Identifiers.quote(request.subscription())
                + " CONNECTION " + Identifiers.literal(request.publisherConninfo())
                + " PUBLICATION " + Identifiers.quote(request.publication())
                + " WITH (copy_data = false, create_slot = false, slot_name = " + Identifiers.literal(request.slot())
                + ", enabled = true" + (originNone ? ", origin = none" : "") + ")";
    }

    /** The subscription's walsender holds the slot: the reverse stream really runs before the writer moves. */
    private void awaitSlotActive(String slot, Deadline deadline) {
        try (DbSession db = DbSession.open(target, deadline, STEP)) {
            while (!exists(db, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND active", slot)) {
                if (deadline.expired()) {
                    throw new DatabaseStepException(STEP, "the reverse subscription did not start streaming from slot "
                            + slot + " on " + db.where() + " in time");
                }
                deadline.pause(POLL, DbSession.INTERRUPTED);
            }
        }
    }

    private static int serverVersion(DbSession db) {
        return db.one("reading the server version", "SELECT current_setting('server_version_num')::int AS v",
                rs -> rs.getInt("v"));
    }

    private static boolean exists(DbSession db, String sql, String name) {
        return !db.list("looking for " + name, sql, rs -> true, name).isEmpty();
    }
}
