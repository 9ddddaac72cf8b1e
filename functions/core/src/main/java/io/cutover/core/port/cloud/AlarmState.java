package io.cutover.core.port.cloud;

/** The state of a CloudWatch alarm; {@link #MISSING} when no alarm has that name. */
public enum AlarmState {
    OK, ALARM, INSUFFICIENT_DATA, MISSING;

    /**
     * Whether a watched alarm in this state lets a cutover go on. INSUFFICIENT_DATA is a quiet metric, not a
     * failure; a missing alarm means nothing is being watched, so it does not.
     */
    public boolean allowsCutover() {
        return this == OK || this == INSUFFICIENT_DATA;
    }
}
