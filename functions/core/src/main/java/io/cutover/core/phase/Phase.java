package io.cutover.core.phase;

import java.util.EnumSet;
import java.util.Set;

/** Where a migration's cutover stands. */
public enum Phase {
    IDLE, READY, SHIFTING, FENCED, DRAINED, SWITCHED, COMPLETED, ROLLING_BACK, ROLLED_BACK;

    private static final Set<Phase> ACTIVE = EnumSet.of(READY, SHIFTING, FENCED, DRAINED, SWITCHED);
    private static final Set<Phase> SOURCE_FENCED = EnumSet.of(FENCED, DRAINED, SWITCHED, COMPLETED);

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
