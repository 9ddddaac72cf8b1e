package io.cutover.postgres;

import io.cutover.core.config.FenceMode;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.FenceRefusedException;
import io.cutover.core.port.db.FenceReport;
import io.cutover.core.port.db.FenceRequest;
import io.cutover.core.port.db.RoleDatabaseSetting;
import io.cutover.core.port.db.RoleFenceOutcome;
import io.cutover.core.port.db.RolePreviousSettings;
import io.cutover.core.port.db.RoleUnfenceOutcome;
import io.cutover.core.port.db.UnfenceReport;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Fences application roles on the source with {@code ALTER ROLE} and {@code pg_terminate_backend}, stopping them
 * from writing, and undoes that exactly. Both operations are idempotent.
 *
 * <p>Order matters: the settings are committed first, then every session of the roles that began before that
 * commit (recorded as the cutoff time) is terminated; sessions that begin later loaded the new settings. In
 * read-only mode applications may reconnect at once, so "no session left" means "no session older than the cutoff".
 *
 * <p>Per-database entries ({@code ALTER ROLE … IN DATABASE … SET default_transaction_read_only = off}) take
 * precedence over the role-wide one, so the read-only fence overrides those too, and records them for unfencing.
 */
public final class PgSourceFence {
    static final String STEP = "fence";
    static final String WAL_MARKER_PREFIX = "cutover";
    private static final Duration VERIFY_POLL = Duration.ofMillis(20);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final JdbcConnections source;

    public PgSourceFence(JdbcConnections source) {
        this.source = source;
    }

    /**
     * What {@link #fence} would record as the roles' previous settings, read now without changing anything, after
     * the same refusals. Saved before fencing, it lets a rollback restore the roles even when the invocation that
     * fences dies between changing them and saving its report.
     *
     * @throws FenceRefusedException when a role must not or cannot be fenced
     * @throws DatabaseStepException when the source cannot be reached
     */
    public List<RolePreviousSettings> currentSettings(FenceRequest request, Duration timeout) {
        List<String> roles = request.roles().stream().distinct().toList();
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), STEP)) {
            Map<String, RoleSettings.State> states = RoleSettings.read(db, roles);
            refuseUnsafe(db, request, roles, states);
            return previousSettings(request.mode(), roles, states, List.of(), new ArrayList<>());
        }
    }

    /**
     * Fences every requested role: applies the mode's settings, terminates the roles' sessions that began
     * before the settings were committed, verifies, then captures the source WAL position (the drain target).
     * Refusals (an unknown role, a replication role, a protected role, the fencing login itself) are checked
     * for all roles before anything is changed.
     *
     * @param request          roles and mode
     * @param recordedEarlier  {@link FenceReport#previousSettings()} of an earlier fence of the same cutover, if any:
     *                         a second fence keeps these instead of recording the fenced state as "previous"
     * @param timeout          the whole fence must finish within this; when it cannot, the report says what was done
     * @throws FenceRefusedException before any change, when a role must not or cannot be fenced
     * @throws DatabaseStepException when the source cannot be reached before anything was changed
     */
    public FenceReport fence(FenceRequest request, List<RolePreviousSettings> recordedEarlier, Duration timeout) {
        return fence(request, recordedEarlier, null, timeout);
    }

    /**
     * As {@link #fence(FenceRequest, List, Duration)}, and once the roles are fenced, before the fence position is
     * read, starts the fence watch's slot ({@link PgFenceWatch}), so that every commit past the position is decoded.
     *
     * @param watchSlot the fence watch slot to start (kept when it exists), or null for none
     */
    public FenceReport fence(FenceRequest request, List<RolePreviousSettings> recordedEarlier, String watchSlot,
                             Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        List<String> roles = request.roles().stream().distinct().toList();
        List<String> warnings = new ArrayList<>();
        try (DbSession db = DbSession.open(source, deadline, STEP)) {
            // Our own commits flush the WAL, so the LSN captured at the end covers everything committed before it.
            db.execute("enabling synchronous commit", "SET synchronous_commit = on");
            Map<String, RoleSettings.State> states = RoleSettings.read(db, roles);
            refuseUnsafe(db, request, roles, states);
            List<RolePreviousSettings> previous = previousSettings(request.mode(), roles, states,
                    recordedEarlier == null ? List.of() : recordedEarlier, warnings);

            Progress progress = new Progress(roles);
            try {
                for (String role : roles) {
                    applyFence(db, request.mode(), states.get(role));
                    progress.applied(role);
                }
                OffsetDateTime cutoff = db.one("reading the fence cutoff time", "SELECT clock_timestamp() AS t",
                        rs -> rs.getObject("t", OffsetDateTime.class));
                terminateUntilGone(db, roles, cutoff, progress);
                verifySettings(db, request.mode(), roles, progress);
                if (watchSlot != null) {
                    PgFenceWatch.begin(db, watchSlot);
                }
                Lsn fence = captureFenceLsn(db, request.emitWalMarker(), warnings);
                return new FenceReport(request.mode(), true, previous, progress.outcomes(), fence.lsn(), fence.at(),
                        deadline.elapsedMillis(), null, warnings);
            } catch (DatabaseStepException e) {
                return new FenceReport(request.mode(), false, previous, progress.outcomes(), null, null,
                        deadline.elapsedMillis(), incompleteMessage(e, progress), warnings);
            }
        }
    }

    /**
     * Restores each role to its recorded settings: login, and every {@code default_transaction_read_only} entry
     * (a recorded "no setting" becomes {@code RESET}, a recorded {@code off} stays an explicit {@code off}).
     *
     * <p>Then every session of the role that began before the restore was committed is terminated: a session opened
     * while the role was fenced loaded {@code default_transaction_read_only = on} at its start and keeps it for its
     * whole life (role settings apply at session start only; PostgreSQL docs, ALTER ROLE), so a pooled connection
     * opened during the fence would stay read-only after the rollback. Sessions begun after the restore keep going.
     *
     * @param previous {@link FenceReport#previousSettings()}
     * @param timeout  the whole unfence must finish within this
     */
    public UnfenceReport unfence(List<RolePreviousSettings> previous, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        List<RoleUnfenceOutcome> outcomes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (DbSession db = DbSession.open(source, deadline, "unfence")) {
            for (RolePreviousSettings p : previous) {
                List<String> statements = new ArrayList<>();
                try {
                    RoleSettings.State state = RoleSettings.read(db, List.of(p.role())).get(p.role());
                    if (state == null) {
                        outcomes.add(new RoleUnfenceOutcome(p.role(), List.of(), false, 0, "role no longer exists"));
                        errors.add(p.role() + ": role no longer exists");
                        continue;
                    }
                    statements.addAll(restoreStatements(p, state));
                    for (String sql : statements) {
                        db.execute("restoring role " + p.role(), sql);
                    }
                    RoleSettings.State after = RoleSettings.read(db, List.of(p.role())).get(p.role());
                    boolean restored = matches(p, after);
                    OffsetDateTime restoredAt = db.one("reading the restore time", "SELECT clock_timestamp() AS t",
                            rs -> rs.getObject("t", OffsetDateTime.class));
                    long terminated = terminate(db, List.of(p.role()), restoredAt).size();
                    String detail = restored ? null : "settings read back differ from the record: " + describe(after);
                    if (!restored) {
                        errors.add(p.role() + ": " + detail);
                    }
                    outcomes.add(new RoleUnfenceOutcome(p.role(), statements, restored, terminated, detail));
                } catch (DatabaseStepException e) {
                    outcomes.add(new RoleUnfenceOutcome(p.role(), statements, false, 0, e.getMessage()));
                    errors.add(p.role() + ": " + e.getMessage());
                }
            }
        }
        return new UnfenceReport(errors.isEmpty(), outcomes, deadline.elapsedMillis(),
                errors.isEmpty() ? null : String.join("; ", errors));
    }

    // ---- refusal and records ------------------------------------------------------------------------------

    private static void refuseUnsafe(DbSession db, FenceRequest request, List<String> roles,
                                     Map<String, RoleSettings.State> states) {
        List<String> unknown = roles.stream().filter(r -> !states.containsKey(r)).toList();
        if (!unknown.isEmpty()) {
            throw new FenceRefusedException("roles do not exist on " + db.where() + ": " + unknown, unknown);
        }
        List<String> replication = roles.stream().filter(r -> states.get(r).replication()).toList();
        if (!replication.isEmpty()) {
            throw new FenceRefusedException("refusing to fence roles with REPLICATION (replication must keep running): "
                    + replication, replication);
        }
        Set<String> protectedRoles = new HashSet<>(request.protectedRoles());
        protectedRoles.addAll(db.list("finding the roles streaming replication", """
                SELECT DISTINCT a.usename FROM pg_replication_slots s JOIN pg_stat_activity a ON a.pid = s.active_pid
                 WHERE a.usename IS NOT NULL
                UNION
                SELECT DISTINCT usename FROM pg_stat_replication WHERE usename IS NOT NULL
                """, rs -> rs.getString(1)));
        List<String> refusedProtected = roles.stream().filter(protectedRoles::contains).toList();
        if (!refusedProtected.isEmpty()) {
            throw new FenceRefusedException("refusing to fence protected or replication roles: " + refusedProtected,
                    refusedProtected);
        }
        Set<String> self = new HashSet<>(db.list("reading the fencing login",
                "SELECT session_user AS s UNION SELECT current_user", rs -> rs.getString("s")));
        List<String> own = roles.stream().filter(self::contains).toList();
        if (!own.isEmpty()) {
            throw new FenceRefusedException("refusing to fence the login the fence itself uses: " + own, own);
        }
        // COMMIT PREPARED is allowed in a read-only transaction and by a role that can no longer log in (PostgreSQL
        // docs, COMMIT PREPARED / PREPARE TRANSACTION): a prepared transaction would write past the fence.
        List<String> prepared = db.list("finding prepared transactions", """
                SELECT gid || ' (owner ' || owner || ', prepared ' || prepared || ')' FROM pg_prepared_xacts
                 WHERE database = current_database() ORDER BY prepared""", rs -> rs.getString(1));
        if (!prepared.isEmpty()) {
            throw new FenceRefusedException("refusing to fence while prepared transactions exist on " + db.where()
                    + " (COMMIT PREPARED would write past the fence): " + prepared
                    + "; commit or roll them back first", List.of());
        }
    }

    private static List<RolePreviousSettings> previousSettings(FenceMode mode, List<String> roles,
                                                               Map<String, RoleSettings.State> states,
                                                               List<RolePreviousSettings> recordedEarlier,
                                                               List<String> warnings) {
        Map<String, RolePreviousSettings> result = new LinkedHashMap<>();
        recordedEarlier.forEach(p -> result.put(p.role(), p));
        for (String role : roles) {
            if (result.containsKey(role)) {
                continue;
            }
            RoleSettings.State s = states.get(role);
            boolean looksFenced = looksFenced(mode, s);
            if (looksFenced) {
                warnings.add("role " + role + " already looked fenced (" + describe(s)
                        + ") and no earlier record was given: unfence will leave it like that");
            }
            result.put(role, new RolePreviousSettings(role, s.canLogin(), s.readOnlySettings(), looksFenced));
        }
        return List.copyOf(result.values());
    }

    private static boolean looksFenced(FenceMode mode, RoleSettings.State s) {
        return switch (mode) {
            case READ_ONLY -> RoleSettings.isTrue(s.roleWideValue())
                    && s.readOnlySettings().stream().allMatch(e -> RoleSettings.isTrue(e.value()));
            case NOLOGIN -> !s.canLogin();
        };
    }

    // ---- fence steps --------------------------------------------------------------------------------------

    private static void applyFence(DbSession db, FenceMode mode, RoleSettings.State state) {
        String role = state.role();
        switch (mode) {
            case READ_ONLY -> {
                db.execute("making role " + role + " read-only", RoleSettings.alterStatement(role, null, "on"));
                for (RoleDatabaseSetting entry : state.readOnlySettings()) {
                    if (entry.database() != null && !RoleSettings.isTrue(entry.value())) {
                        db.execute("making role " + role + " read-only in database " + entry.database(),
                                RoleSettings.alterStatement(role, entry.database(), "on"));
                    }
                }
            }
            case NOLOGIN -> db.execute("removing login from role " + role,
                    "ALTER ROLE " + Identifiers.quote(role) + " NOLOGIN");
        }
    }

    /**
     * Terminates the roles' sessions that began at or before {@code cutoff} until none is left. Repeated because a
     * session that was still authenticating at the first pass shows its role only afterwards.
     */
    private static void terminateUntilGone(DbSession db, List<String> roles, OffsetDateTime cutoff, Progress progress) {
        while (true) {
            terminate(db, roles, cutoff).forEach(progress::terminated);
            Map<String, Long> remaining = sessions(db, roles, cutoff);
            if (remaining.isEmpty()) {
                return;
            }
            if (db.deadline().expired()) {
                remaining.forEach((role, n) -> progress.detail(role, n + " session(s) from before the fence still present"));
                throw new DatabaseStepException(STEP, "sessions from before the fence did not end in time on "
                        + db.where() + ": " + remaining);
            }
            db.deadline().pause(VERIFY_POLL, DbSession.INTERRUPTED);
        }
    }

    /**
     * Ends every session of {@code roles} on this server, for after the writer moved: a session of a fenced role can
     * only fail there (read-only, or refused under nologin), and a connection pool keeps a session that raised a
     * read-only error until the session's lifetime ends, so the application's pooled writers would keep failing
     * with the record already on the target. Ended, the pool opens new connections through the moved record.
     *
     * <p>Only roles that still look fenced in {@code mode} are touched: a rollback that unfenced the source while a
     * step after the switch was still running must keep its new, writable sessions. (Between the read and the
     * signal lie milliseconds; a session ended in them reconnects, as after any terminated session.)
     *
     * @return how many sessions were signalled
     */
    public int endSessions(FenceMode mode, List<String> roles, Duration timeout) {
        try (DbSession db = DbSession.open(source, Deadline.in(timeout), "ending fenced sessions")) {
            List<String> fenced = RoleSettings.read(db, roles).values().stream()
                    .filter(state -> looksFenced(mode, state)).map(RoleSettings.State::role).toList();
            return fenced.isEmpty() ? 0 : terminate(db, fenced, null).size();
        }
    }

    /** A session the fence signalled. */
    record Terminated(String role, int pid) {
    }

    /** Terminates sessions of {@code roles} (those begun at or before {@code cutoff}; all when null). */
    static List<Terminated> terminate(DbSession db, List<String> roles, OffsetDateTime cutoff) {
        return db.list("terminating the sessions of " + roles, """
                WITH victims AS MATERIALIZED (
                    SELECT pid, usename FROM pg_stat_activity
                     WHERE usename = ANY(?::text[]) AND pid <> pg_backend_pid()
                       AND (?::timestamptz IS NULL OR backend_start <= ?::timestamptz))
                SELECT usename, pid FROM victims WHERE pg_terminate_backend(pid)
                """, rs -> new Terminated(rs.getString("usename"), rs.getInt("pid")), roles, cutoff, cutoff);
    }

    private static Map<String, Long> sessions(DbSession db, List<String> roles, OffsetDateTime cutoff) {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.list("counting the sessions of " + roles, """
                SELECT usename, count(*) AS n FROM pg_stat_activity
                 WHERE usename = ANY(?::text[]) AND pid <> pg_backend_pid() AND backend_start <= ?::timestamptz
                 GROUP BY usename
                """, rs -> counts.put(rs.getString("usename"), rs.getLong("n")), roles, cutoff);
        return counts;
    }

    private static void verifySettings(DbSession db, FenceMode mode, List<String> roles, Progress progress) {
        Map<String, RoleSettings.State> after = RoleSettings.read(db, roles);
        List<String> wrong = new ArrayList<>();
        for (String role : roles) {
            RoleSettings.State s = after.get(role);
            if (s != null && looksFenced(mode, s)) {
                progress.verified(role);
            } else {
                String detail = s == null ? "role disappeared during the fence" : "settings read back: " + describe(s);
                progress.detail(role, detail);
                wrong.add(role + " (" + detail + ")");
            }
        }
        if (!wrong.isEmpty()) {
            throw new DatabaseStepException(STEP, "fence settings did not hold on " + db.where() + ": " + wrong);
        }
    }

    private record Lsn(String lsn, String at) {
    }

    private static Lsn captureFenceLsn(DbSession db, boolean emitMarker, List<String> warnings) {
        if (emitMarker) {
            try {
                db.inTransaction("writing the fence marker to the WAL", List.of(
                        "SELECT pg_logical_emit_message(true, '" + WAL_MARKER_PREFIX + "', 'fence')"));
            } catch (DatabaseStepException e) {
                if (!INSUFFICIENT_PRIVILEGE.equals(e.sqlState())) {
                    throw e;
                }
                warnings.add("no fence marker written (no privilege for pg_logical_emit_message): the fence LSN is "
                        + "pg_current_wal_lsn(), which may trail commits acknowledged under synchronous_commit = off");
            }
        }
        return db.one("reading the fence LSN",
                "SELECT pg_current_wal_lsn()::text AS lsn, clock_timestamp() AS at",
                rs -> new Lsn(rs.getString("lsn"), DbSession.iso(rs, "at")));
    }

    // ---- unfence ------------------------------------------------------------------------------------------

    static List<String> restoreStatements(RolePreviousSettings previous, RoleSettings.State current) {
        List<String> statements = new ArrayList<>();
        String role = previous.role();
        if (previous.canLogin() != current.canLogin()) {
            statements.add("ALTER ROLE " + Identifiers.quote(role) + (previous.canLogin() ? " LOGIN" : " NOLOGIN"));
        }
        Map<String, String> before = new LinkedHashMap<>();
        previous.readOnlySettings().forEach(s -> before.put(s.database(), s.value()));
        Map<String, String> now = current.byDatabase();
        Set<String> databases = new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        databases.addAll(before.keySet());
        databases.addAll(now.keySet());
        for (String database : databases) {
            String wanted = before.get(database);
            if (!Objects.equals(wanted, now.get(database))) {
                statements.add(RoleSettings.alterStatement(role, database, wanted));
            }
        }
        return statements;
    }

    /** The role reads back as the record says: nothing left that {@link #restoreStatements} would change. */
    private static boolean matches(RolePreviousSettings previous, RoleSettings.State current) {
        return current != null && restoreStatements(previous, current).isEmpty();
    }

    private static String describe(RoleSettings.State s) {
        if (s == null) {
            return "role missing";
        }
        String settings = s.readOnlySettings().stream()
                .map(e -> (e.database() == null ? "all databases" : "database " + e.database()) + ": " + e.value())
                .collect(Collectors.joining(", "));
        return (s.canLogin() ? "LOGIN" : "NOLOGIN") + ", " + RoleSettings.READ_ONLY_GUC + " "
                + (settings.isEmpty() ? "not set" : "{" + settings + "}");
    }

    private static String incompleteMessage(DatabaseStepException e, Progress progress) {
        List<String> applied = progress.applied();
        List<String> notApplied = progress.notApplied();
        return "fence incomplete: " + e.getMessage() + ". Fence settings committed for " + applied
                + "; not fenced: " + notApplied;
    }

    /** Per-role bookkeeping, so that a fence stopped half-way can say exactly where it stopped. */
    private static final class Progress {
        private final Map<String, boolean[]> flags = new LinkedHashMap<>();
        private final Map<String, Set<Integer>> terminated = new LinkedHashMap<>();
        private final Map<String, String> details = new LinkedHashMap<>();

        Progress(List<String> roles) {
            roles.forEach(r -> flags.put(r, new boolean[2]));
        }

        void applied(String role) {
            flags.get(role)[0] = true;
        }

        void verified(String role) {
            flags.get(role)[1] = true;
        }

        /** Counted by pid: a later pass may signal a session that is still on its way out. */
        void terminated(Terminated session) {
            terminated.computeIfAbsent(session.role(), r -> new HashSet<>()).add(session.pid());
        }

        void detail(String role, String detail) {
            details.put(role, detail);
        }

        List<String> applied() {
            return flags.entrySet().stream().filter(e -> e.getValue()[0]).map(Map.Entry::getKey).toList();
        }

        List<String> notApplied() {
            return flags.entrySet().stream().filter(e -> !e.getValue()[0]).map(Map.Entry::getKey).toList();
        }

        List<RoleFenceOutcome> outcomes() {
            return flags.entrySet().stream().map(e -> new RoleFenceOutcome(e.getKey(), e.getValue()[0],
                    (long) terminated.getOrDefault(e.getKey(), Set.of()).size(), e.getValue()[1],
                    details.get(e.getKey()))).toList();
        }
    }
}
