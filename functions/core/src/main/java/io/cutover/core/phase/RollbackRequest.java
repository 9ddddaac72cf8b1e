package io.cutover.core.phase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rollback, recorded before any of its effects and never erased by a forward step (docs/rollback-wins.md). While
 * it stands, the migration's effective phase is ROLLING_BACK, or ROLLED_BACK once it finished, whatever a forward
 * step that raced it wrote to the state afterwards; it is cleared only when a finished rollback is re-armed.
 *
 * @param requestedBy who asked: {@code alarm NAME}, {@code api}, {@code workflow EXECUTION}
 * @param requestedAt when the request was recorded
 * @param reason      why (the alarm, the caught error, the operator's request)
 * @param finishedAt  when the rollback finished (ROLLED_BACK), null while it runs
 */
public record RollbackRequest(String requestedBy, Instant requestedAt, String reason, Instant finishedAt) {
    public RollbackRequest {
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(reason, "reason");
    }

    public static RollbackRequest of(String requestedBy, Instant at, String reason) {
        return new RollbackRequest(requestedBy, at, reason, null);
    }

    public boolean finished() {
        return finishedAt != null;
    }

    public RollbackRequest finishedAt(Instant at) {
        return finished() ? this : new RollbackRequest(requestedBy, requestedAt, reason, at);
    }

    /**
     * The state as this request makes it: a stored state already rolling back (or rolled back) as it is; any other
     * (written before the request, or by a step that raced it) moved to ROLLING_BACK, or ROLLED_BACK once finished,
     * with the change in its history, so {@code from} of that change is the furthest phase the cutover reached.
     */
    public CutoverState overlay(CutoverState stored) {
        Phase phase = finished() ? Phase.ROLLED_BACK : Phase.ROLLING_BACK;
        if (stored.phase() == phase || (!finished() && stored.phase() == Phase.ROLLED_BACK)) {
            return stored;
        }
        if (stored.phase() == Phase.ROLLING_BACK) {
            return stored.moveTo(Phase.ROLLED_BACK, 0, stored.executionName(), finishedAt, reason);
        }
        List<PhaseChange> history = new ArrayList<>(stored.history());
        history.add(new PhaseChange(stored.phase(), Phase.ROLLING_BACK, stored.readerPercent(), requestedAt,
                requestedBy + ": " + reason));
        CutoverState rollingBack = new CutoverState(stored.migrationId(), Phase.ROLLING_BACK, stored.readerPercent(),
                stored.executionName(), requestedAt, history);
        return finished() ? rollingBack.moveTo(Phase.ROLLED_BACK, 0, stored.executionName(), finishedAt, reason)
                : rollingBack;
    }

    /**
     * Whether {@code next} re-arms the migration after this (finished) rollback: it went from ROLLED_BACK to IDLE
     * after the rollback finished. Only that may replace a finished rollback; a step that raced the rollback carries
     * no such change.
     */
    public boolean rearmedBy(CutoverState next) {
        return finished() && next.history().stream().anyMatch(change -> change.from() == Phase.ROLLED_BACK
                && change.to() == Phase.IDLE && !change.at().isBefore(finishedAt));
    }
}
