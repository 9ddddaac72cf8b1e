package io.cutover.core.rollback;

/** What is done to the target cluster after traffic is back on the source. */
public enum Recovery {
    NONE, BACKTRACK, POINT_IN_TIME_RESTORE
}
