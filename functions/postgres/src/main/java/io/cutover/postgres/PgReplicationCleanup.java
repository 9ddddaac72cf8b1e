package io.cutover.postgres;

import io.cutover.core.port.db.CleanupOutcome;
import io.cutover.core.port.db.CleanupReport;
import io.cutover.core.port.db.CleanupRequest;
import io.cutover.core.port.db.CleanupStep;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.time.Deadline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes the replication plumbing after a completed cutover.
 *
 * <p>Drops subscriptions (target), then slots (source), then publications (source). Dropping a subscription normally
 * drops its slot on the source; when the source cannot be reached for that, the subscription is detached from
 * its slot first ({@code slot_name = NONE}) and the slot step removes the slot directly. The first failure (an error,
 * an unreachable database, the deadline) stops the cleanup: that step is reported failed, the rest skipped.
 */
public final class PgReplicationCleanup {
    private static final String STEP = "replication cleanup";
    private static final Duration SLOT_RELEASE_POLL = Duration.ofMillis(100);
    /** A dropped subscription's walsender lets go of its slot within moments; a live consumer never does. */
    private static final Duration SLOT_RELEASE_WAIT = Duration.ofSeconds(10);
    /** Time kept back from waiting on a busy slot, so the report can still be written. */
    private static final long RESERVE_MILLIS = 500;
    private static final String UNDEFINED_OBJECT = "42704";

    private final JdbcConnections source;
    private final JdbcConnections target;

    public PgReplicationCleanup(JdbcConnections source, JdbcConnections target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Drops, in this order: each subscription on the target; each slot on the source that the subscription drop
     * did not already remove; each publication on the source. Idempotent: what is already gone is reported as such.
     * Stops at the first failure and marks the remaining steps {@link CleanupOutcome#SKIPPED}.
     */
    public CleanupReport cleanup(CleanupRequest request, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        Steps steps = new Steps();
        // slot name -> the subscription whose DROP was expected to remove it
        Map<String, String> slotsOfDroppedSubscriptions = new LinkedHashMap<>();

        runOn(target, deadline, steps, "target", "subscription", request.subscriptions(),
                (db, name) -> dropSubscription(db, name, slotsOfDroppedSubscriptions));

        List<String> slots = new ArrayList<>(slotsOfDroppedSubscriptions.keySet());
        request.slots().stream().filter(s -> !slots.contains(s)).forEach(slots::add);
        if (steps.failed) {
            slots.forEach(s -> steps.skip("source", "slot", s));
            request.publications().forEach(p -> steps.skip("source", "publication", p));
        } else if (!slots.isEmpty() || !request.publications().isEmpty()) {
            try (DbSession db = DbSession.open(source, deadline, STEP)) {
                runEach(db, steps, "source", "slot", slots,
                        (session, slot) -> dropSlot(session, slot, slotsOfDroppedSubscriptions.get(slot)));
                runEach(db, steps, "source", "publication", request.publications(), PgReplicationCleanup::dropPublication);
            } catch (DatabaseStepException e) {
                // could not even connect: every source step fails on that
                slots.forEach(s -> steps.fail("source", "slot", s, e.getMessage()));
                request.publications().forEach(p -> steps.fail("source", "publication", p, e.getMessage()));
            }
        }
        // A step is skipped only after one failed, so "no failure" is also "nothing skipped".
        return new CleanupReport(!steps.failed, steps.list, deadline.elapsedMillis());
    }

    @FunctionalInterface
    private interface Drop {
        CleanupStep drop(DbSession db, String name);
    }

    private static void runOn(JdbcConnections db, Deadline deadline, Steps steps, String side, String kind,
                              List<String> names, Drop drop) {
        if (names.isEmpty()) {
            return;
        }
        try (DbSession session = DbSession.open(db, deadline, STEP)) {
            runEach(session, steps, side, kind, names, drop);
        } catch (DatabaseStepException e) {
            names.forEach(n -> steps.fail(side, kind, n, e.getMessage()));
        }
    }

    private static void runEach(DbSession db, Steps steps, String side, String kind, List<String> names, Drop drop) {
        for (String name : names) {
            if (steps.failed) {
                steps.skip(side, kind, name);
                continue;
            }
            try {
                steps.add(drop.drop(db, name));
            } catch (DatabaseStepException e) {
                steps.fail(side, kind, name, e.getMessage());
            }
        }
    }

    /** The steps so far; the first failure turns every later step into a skip. */
    private static final class Steps {
        final List<CleanupStep> list = new ArrayList<>();
        boolean failed;

        void add(CleanupStep step) {
            list.add(step);
            failed |= step.outcome() == CleanupOutcome.FAILED;
        }

        void fail(String side, String kind, String name, String detail) {
            if (failed) {
                skip(side, kind, name);
            } else {
                add(new CleanupStep(side, kind, name, CleanupOutcome.FAILED, detail));
            }
        }

        void skip(String side, String kind, String name) {
            list.add(new CleanupStep(side, kind, name, CleanupOutcome.SKIPPED, "an earlier step failed"));
        }
    }

    private static CleanupStep dropSubscription(DbSession db, String name, Map<String, String> slotsOfDropped) {
        Optional<Optional<String>> slot = db.optional("looking up subscription " + name, """
                SELECT subslotname FROM pg_subscription
                 WHERE subname = ? AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, rs -> Optional.ofNullable(rs.getString("subslotname")), name);
        if (slot.isEmpty()) {
            return new CleanupStep("target", "subscription", name, CleanupOutcome.ALREADY_ABSENT, null);
        }
        String quoted = Identifiers.quote(name);
        try {
            db.execute("dropping subscription " + name, "DROP SUBSCRIPTION IF EXISTS " + quoted);
            slot.get().ifPresent(s -> slotsOfDropped.put(s, name));
            return new CleanupStep("target", "subscription", name, CleanupOutcome.DROPPED, null);
        } catch (DatabaseStepException e) {
            if (slot.get().isEmpty() || db.deadline().expired()) {
                return new CleanupStep("target", "subscription", name, CleanupOutcome.FAILED, e.getMessage());
            }
            // Usually: the publisher could not be reached to drop the slot. Detach, drop, and leave the slot
            // to the slot step (which reports it if the source is unreachable).
            try {
                db.execute("disabling subscription " + name, "ALTER SUBSCRIPTION " + quoted + " DISABLE");
                db.execute("detaching subscription " + name + " from its slot",
                        "ALTER SUBSCRIPTION " + quoted + " SET (slot_name = NONE)");
                db.execute("dropping subscription " + name, "DROP SUBSCRIPTION IF EXISTS " + quoted);
            } catch (DatabaseStepException again) {
                return new CleanupStep("target", "subscription", name, CleanupOutcome.FAILED,
                        e.getMessage() + "; detaching from the slot failed too: " + again.getMessage());
            }
            return new CleanupStep("target", "subscription", name, CleanupOutcome.DROPPED,
                    "dropped after detaching from slot " + slot.get().get() + " (" + e.getMessage() + ")");
        }
    }

    private static CleanupStep dropSlot(DbSession db, String slot, String droppedSubscription) {
        Deadline release = Deadline.in(SLOT_RELEASE_WAIT);
        while (true) {
            Optional<Integer> activePid = db.optional("looking up slot " + slot,
                    "SELECT coalesce(active_pid, 0) AS pid FROM pg_replication_slots WHERE slot_name = ?",
                    rs -> rs.getInt("pid"), slot);
            if (activePid.isEmpty()) {
                return droppedSubscription != null
                        ? new CleanupStep("source", "slot", slot, CleanupOutcome.DROPPED_WITH_SUBSCRIPTION,
                                "dropped by DROP SUBSCRIPTION " + droppedSubscription)
                        : new CleanupStep("source", "slot", slot, CleanupOutcome.ALREADY_ABSENT, null);
            }
            if (activePid.get() == 0) {
                try {
                    db.execute("dropping slot " + slot, "SELECT pg_drop_replication_slot(?)", slot);
                    return new CleanupStep("source", "slot", slot, CleanupOutcome.DROPPED, null);
                } catch (DatabaseStepException e) {
                    if (!UNDEFINED_OBJECT.equals(e.sqlState())) {
                        return new CleanupStep("source", "slot", slot, CleanupOutcome.FAILED, e.getMessage());
                    }
                    // Gone between the lookup and the drop: loop to report it as absent.
                }
            } else if (release.expired()
                    || db.deadline().remainingMillis() < RESERVE_MILLIS + SLOT_RELEASE_POLL.toMillis()) {
                // A consumer still streams from it (a DMS task not stopped, a subscription elsewhere): not ours to kill.
                return new CleanupStep("source", "slot", slot, CleanupOutcome.FAILED,
                        "slot is still in use by process " + activePid.get() + "; stop its consumer first");
            } else {
                db.deadline().pause(SLOT_RELEASE_POLL, DbSession.INTERRUPTED);
            }
        }
    }

    private static CleanupStep dropPublication(DbSession db, String publication) {
        boolean exists = db.one("looking up publication " + publication,
                "SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = ?) AS e", rs -> rs.getBoolean("e"),
                publication);
        if (!exists) {
            return new CleanupStep("source", "publication", publication, CleanupOutcome.ALREADY_ABSENT, null);
        }
        try {
            db.execute("dropping publication " + publication, "DROP PUBLICATION IF EXISTS " + Identifiers.quote(publication));
            return new CleanupStep("source", "publication", publication, CleanupOutcome.DROPPED, null);
        } catch (DatabaseStepException e) {
            return new CleanupStep("source", "publication", publication, CleanupOutcome.FAILED, e.getMessage());
        }
    }
}
