package io.cutover.core.policy;

import io.cutover.core.phase.Phase;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.weights.WeightPlan;

/** What to do with a request, decided before any side effect. */
public sealed interface Decision {
    String reason();

    /**
     * Go ahead.
     *
     * @param plan      the weights to write (for manual_cutover: what the fenced switch will write)
     * @param nextPhase the phase the cutover is in once this is done
     * @param rollback  for rollbacks: what else is done; else null
     */
    record Proceed(WeightPlan plan, Phase nextPhase, int readerPercent, RollbackPlan rollback, String reason)
            implements Decision {
    }

    /** Already done; repeating it changes nothing. */
    record NoOp(String reason) implements Decision {
    }

    /** Not allowed now; {@code verdict} is set when readiness was the reason. */
    record Refused(String reason, ReadinessVerdict verdict) implements Decision {
    }
}
