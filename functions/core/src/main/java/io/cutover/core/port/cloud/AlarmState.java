package io.cutover.core.port.cloud;

/** The state of a CloudWatch alarm; {@link #MISSING} when no alarm has that name. */
public enum AlarmState {
    OK, ALARM, INSUFFICIENT_DATA, MISSING
}
