package io.cutover.core.rollback;

import io.cutover.core.config.RollbackStrategy;

/**
 * @param unfenceSource the source was fenced on the way here and must take writes again
 * @param restoredClusterIdentifier the new cluster a point-in-time restore creates, else null
 */
public record RollbackPlan(RollbackStrategy strategy, boolean weightsToSource, boolean unfenceSource,
                           Recovery recovery, String restoredClusterIdentifier) {
}
