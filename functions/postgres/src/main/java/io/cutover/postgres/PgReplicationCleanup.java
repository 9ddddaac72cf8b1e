package io.cutover.postgres;

import io.cutover.core.port.db.CleanupOutcome;
import io.cutover.core.port.db.CleanupReport;
import io.cutover.core.port.db.CleanupRequest;
import io.cutover.core.port.db.CleanupStep;
import io.cutover.core.port.db.DatabaseStepException;
import io.cutover.core.port.db.ReplicationCleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drops subscriptions (target), then slots (source), then publications (source). Dropping a subscription normally
 * drops its slot on the source; when the source cannot be reached for that, the subscription is detached from
 * its slot first ({@code slot_name = NONE}) and the slot step removes the slot directly.
 */
public final class PgReplicationCleanup implements ReplicationCleanup {
    private static final String STEP = "replication cleanup";
    private static final Duration SLOT_RELEASE_POLL = Duration.ofMillis(100);
    /** A dropped subscription's walsender lets go of its slot within moments; a live consumer never does. */
    private static final Duration SLOT_RELEASE_WAIT = Duration.ofSeconds(10);
    private static final String UNDEFINED_OBJECT = "42704";

    private final JdbcConnections source;
    private final JdbcConnections target;

    public PgReplicationCleanup(JdbcConnections source, JdbcConnections target) {
        this.source = source;
        this.target = target;
    }

    @Override
    public CleanupReport cleanup(CleanupRequest request, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        List<CleanupStep> steps = new ArrayList<>();
        // slot name -> the subscription whose DROP was expected to remove it
        Map<String, String> slotsOfDroppedSubscriptions = new LinkedHashMap<>();
        List<String> slots = new ArrayList<>();
        boolean failed = false;

        if (!request.subscriptions().isEmpty()) {
            try (DbSession db = DbSession.open(target, deadline, STEP)) {
                for (String subscription : request.subscriptions()) {
                    if (failed) {
                        steps.add(skipped("target", "subscription", subscription));
                        continue;
                    }
                    CleanupStep step = dropSubscription(db, subscription, slotsOfDroppedSubscriptions);
                    steps.add(step);
                    failed = step.outcome() == CleanupOutcome.FAILED;
                }
            } catch (DatabaseStepException e) {
                steps.add(new CleanupStep("target", "subscription", String.join(",", request.subscriptions()),
                        CleanupOutcome.FAILED, e.getMessage()));
                failed = true;
            }
        }
        slots.addAll(slotsOfDroppedSubscriptions.keySet());
        request.slots().stream().filter(s -> !slots.contains(s)).forEach(slots::add);

        if (failed) {
            slots.forEach(s -> steps.add(skipped("source", "slot", s)));
            request.publications().forEach(p -> steps.add(skipped("source", "publication", p)));
            return report(steps, deadline);
        }
        if (!slots.isEmpty() || !request.publications().isEmpty()) {
            try (DbSession db = DbSession.open(source, deadline, STEP)) {
                for (String slot : slots) {
                    if (failed) {
                        steps.add(skipped("source", "slot", slot));
                        continue;
                    }
                    CleanupStep step = dropSlot(db, slot, slotsOfDroppedSubscriptions.get(slot));
                    steps.add(step);
                    failed = step.outcome() == CleanupOutcome.FAILED;
                }
                for (String publication : request.publications()) {
                    if (failed) {
                        steps.add(skipped("source", "publication", publication));
                        continue;
                    }
                    CleanupStep step = dropPublication(db, publication);
                    steps.add(step);
                    failed = step.outcome() == CleanupOutcome.FAILED;
                }
            } catch (DatabaseStepException e) {
                steps.add(new CleanupStep("source", "slot/publication", String.join(",", slots), CleanupOutcome.FAILED,
                        e.getMessage()));
            }
        }
        return report(steps, deadline);
    }

    private static CleanupReport report(List<CleanupStep> steps, Deadline deadline) {
        boolean complete = steps.stream().allMatch(s -> s.outcome() != CleanupOutcome.FAILED
                && s.outcome() != CleanupOutcome.SKIPPED);
        return new CleanupReport(complete, steps, deadline.elapsedMillis());
    }

    private static CleanupStep skipped(String side, String kind, String name) {
        return new CleanupStep(side, kind, name, CleanupOutcome.SKIPPED, "an earlier step failed");
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
            if (slot.get().isEmpty()) {
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
            } else if (release.expired() || db.deadline().remainingMillis() <= SLOT_RELEASE_POLL.toMillis()) {
                // A consumer still streams from it (a DMS task not stopped, a subscription elsewhere): not ours to kill.
                return new CleanupStep("source", "slot", slot, CleanupOutcome.FAILED,
                        "slot is still in use by process " + activePid.get() + "; stop its consumer first");
            } else {
                db.deadline().pause(SLOT_RELEASE_POLL);
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
