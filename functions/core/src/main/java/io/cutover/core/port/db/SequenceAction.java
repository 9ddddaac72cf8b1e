package io.cutover.core.port.db;

/** What the sequence sync did (or, in a dry run, would do) with one sequence. */
public enum SequenceAction {
    /** the target sequence was set to the source's last value plus the buffer */
    ADVANCED,
    /** a dry run: it would be advanced */
    WOULD_ADVANCE,
    /** the target is already at or past the source's last value plus the buffer: left alone, never moved back */
    ALREADY_AHEAD,
    /** the source never handed out a value ({@code is_called = false}): nothing to carry over */
    SOURCE_NEVER_USED,
    /** the source has it, the target does not */
    MISSING_ON_TARGET,
    /** the source's last value plus the buffer is beyond the target sequence's bounds */
    OUT_OF_RANGE,
    /** the source sequence could not be read (e.g. no privilege) */
    UNREADABLE_ON_SOURCE,
    /**
     * a column the sequence feeds could not be read on the target (no privilege, not a whole number) or has no
     * leading btree index, so its largest value was not read: the target could hand out a value a row already has
     */
    COLUMN_UNREADABLE
}
