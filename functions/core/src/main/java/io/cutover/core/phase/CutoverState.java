package io.cutover.core.phase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The persisted state of one migration's cutover.
 *
 * @param readerPercent  the reader weight on the target the last shift applied (SHIFTING(step))
 * @param executionName  the workflow execution (migration attempt) that owns the cutover, if any
 * @param history        the most recent phase changes, oldest first
 */
public record CutoverState(String migrationId, Phase phase, int readerPercent, String executionName,
                           Instant updatedAt, List<PhaseChange> history) {
    static final int HISTORY_LIMIT = 50;

    public CutoverState {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static CutoverState idle(String migrationId, Instant now) {
        return new CutoverState(migrationId, Phase.IDLE, 0, null, now, List.of());
    }

    CutoverState moveTo(Phase to, int percent, String execution, Instant now, String reason) {
        List<PhaseChange> next = new ArrayList<>(history);
        next.add(new PhaseChange(phase, to, percent, now, reason));
        if (next.size() > HISTORY_LIMIT) {
            next = next.subList(next.size() - HISTORY_LIMIT, next.size());
        }
        return new CutoverState(migrationId, to, percent, execution, now, next);
    }
}
