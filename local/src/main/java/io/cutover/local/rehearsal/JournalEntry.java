package io.cutover.local.rehearsal;

/**
 * One application write as the client saw it: its own id (written into the row), how many attempts it took,
 * and, when a commit was acknowledged, which side acknowledged it and when. Times are epoch milliseconds.
 *
 * @param side             the side whose commit was acknowledged; null when none was
 * @param attemptStartedAt when the acknowledged attempt began (0 when none was acknowledged)
 * @param acknowledgedAt   when the acknowledgement arrived (0 when none did)
 */
public record JournalEntry(long clientId, long startedAt, int attempts, Side side, long attemptStartedAt,
                           long acknowledgedAt) {
    public static JournalEntry acknowledged(long clientId, long startedAt, int attempts, Side side,
                                            long attemptStartedAt, long acknowledgedAt) {
        return new JournalEntry(clientId, startedAt, attempts, side, attemptStartedAt, acknowledgedAt);
    }

    public static JournalEntry unacknowledged(long clientId, long startedAt, int attempts) {
        return new JournalEntry(clientId, startedAt, attempts, null, 0, 0);
    }

    public boolean isAcknowledged() {
        return side != null;
    }
}
