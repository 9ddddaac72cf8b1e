package io.cutover.core.rollback;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.Engine;
import io.cutover.core.config.RollbackMessages;
import io.cutover.core.config.RollbackStrategy;
import io.cutover.core.phase.Phase;

/**
 * Chooses what a rollback does. Weights always go back to the source first; the source is unfenced
 * when it was fenced; then the recovery the strategy names, if the engine has it.
 */
public final class RollbackPlanner {
    private final CutoverConfig config;

    public RollbackPlanner(CutoverConfig config) {
        this.config = config;
    }

    /**
     * @param requested the strategy in the request, or null for the configured one
     * @param phase     the phase the cutover was in when the rollback began
     */
    public RollbackPlan plan(RollbackStrategy requested, Phase phase) {
        if (phase == Phase.COMPLETED) {
            throw new RollbackRefusedException("the cutover is completed: the target has taken writes the source does "
                    + "not have, so moving traffic back would lose them. Going back now is a reverse migration");
        }
        RollbackStrategy strategy = requested != null ? requested : config.rollback().strategy();
        boolean unfence = phase.isSourceFenced() || phase == Phase.ROLLING_BACK;
        // Until the writer moved, the target took no application write: there is nothing to recover, and a
        // restore would only create a cluster nobody needs.
        boolean targetTookWrites = phase == Phase.SWITCHED || phase == Phase.FALLBACK_OPEN;
        return switch (strategy) {
            case DNS -> new RollbackPlan(strategy, true, unfence, Recovery.NONE, null);
            case BACKTRACK -> {
                requireBacktrackable();
                yield new RollbackPlan(strategy, true, unfence, targetTookWrites ? Recovery.BACKTRACK : Recovery.NONE,
                        null);
            }
            case PITR -> new RollbackPlan(strategy, true, unfence,
                    targetTookWrites ? Recovery.POINT_IN_TIME_RESTORE : Recovery.NONE,
                    targetTookWrites ? config.rollback().restoredClusterIdentifier() : null);
        };
    }

    /** Refuses Backtrack unless the target is Aurora MySQL, saying what to use instead. */
    public void requireBacktrackable() {
        if (config.target().engine() != Engine.AURORA_MYSQL) {
            throw new RollbackRefusedException(RollbackMessages.BACKTRACK_ON_POSTGRESQL
                    + ". Use {\"action\":\"rollback\",\"strategy\":\"pitr\"} instead");
        }
    }
}
