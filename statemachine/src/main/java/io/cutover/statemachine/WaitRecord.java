package io.cutover.statemachine;

import java.time.Duration;

/**
 * A Wait state the execution went through: what the definition asked for and what the {@link WaitPolicy} applied.
 *
 * @param stateName        the Wait state
 * @param requestedSeconds resolved from {@code Seconds}/{@code SecondsPath} (or the time left to a timestamp)
 * @param applied          the pause the run actually made
 */
public record WaitRecord(String stateName, double requestedSeconds, Duration applied) {
}
