package io.cutover.core.port.db;

import java.time.Duration;
import java.util.List;

/**
 * Stops the application roles from writing to the source, and undoes that exactly.
 * Both operations are idempotent.
 */
public interface SourceFence {

    /**
     * What {@link #fence} would record as the roles' previous settings, read now without changing anything, after
     * the same refusals. Saved before fencing, it lets a rollback restore the roles even when the invocation that
     * fences dies between changing them and saving its report.
     *
     * @throws FenceRefusedException when a role must not or cannot be fenced
     * @throws DatabaseStepException when the source cannot be reached
     */
    List<RolePreviousSettings> currentSettings(FenceRequest request, Duration timeout);

    /**
     * Fences every requested role: applies the mode's settings, terminates the roles' sessions that began
     * before the settings were committed, verifies, then captures the source WAL position (the drain target).
     * Refusals (an unknown role, a replication role, a protected role, the fencing login itself) are checked
     * for all roles before anything is changed.
     *
     * @param request          roles and mode
     * @param recordedEarlier  {@link FenceReport#previousSettings()} of an earlier fence of the same cutover, if any:
     *                         a second fence keeps these instead of recording the fenced state as "previous"
     * @param timeout          the whole fence must finish within this; when it cannot, the report says what was done
     * @throws FenceRefusedException before any change, when a role must not or cannot be fenced
     * @throws DatabaseStepException when the source cannot be reached before anything was changed
     */
    FenceReport fence(FenceRequest request, List<RolePreviousSettings> recordedEarlier, Duration timeout);

    /**
     * Restores each role to its recorded settings: login, and every {@code default_transaction_read_only} entry
     * (a recorded "no setting" becomes {@code RESET}, a recorded {@code off} stays an explicit {@code off}).
     *
     * @param previous          {@link FenceReport#previousSettings()}
     * @param terminateSessions terminate the roles' sessions afterwards, so sessions opened while fenced
     *                          (which started read-only) reconnect with the restored settings
     * @param timeout           the whole unfence must finish within this
     */
    UnfenceReport unfence(List<RolePreviousSettings> previous, boolean terminateSessions, Duration timeout);
}
