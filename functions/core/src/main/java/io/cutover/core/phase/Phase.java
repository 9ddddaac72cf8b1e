package io.cutover.core.phase;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a migration's cutover stands. FALLBACK_OPEN (issue 18): the watch passed with reverse replication running;
 * until {@code finalize} or {@code fallbackWindowSeconds} a rollback is still the switch in reverse and loses nothing.
 */
public enum Phase {
    IDLE, READY, SHIFTING, FENCED, DRAINED, SWITCHED, FALLBACK_OPEN, COMPLETED, ROLLING_BACK, ROLLED_BACK;

    private static final Set<Phase> ACTIVE = EnumSet.of(READY, SHIFTING, FENCED, DRAINED, SWITCHED, FALLBACK_OPEN);
    private static final Set<Phase> SOURCE_FENCED = EnumSet.of(FENCED, DRAINED, SWITCHED, FALLBACK_OPEN, COMPLETED);

    /** A cutover is under way: a rollback may start from here. */
    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    /** The source has been made read-only on the way to this phase. */
    public boolean isSourceFenced() {
        return SOURCE_FENCED.contains(this);
    }

    /** The workflow's writer switch runs through these phases; a second start must not interfere. */
    public boolean isWriterSwitchUnderWay() {
        return this == FENCED || this == DRAINED || this == SWITCHED;
    }
}
