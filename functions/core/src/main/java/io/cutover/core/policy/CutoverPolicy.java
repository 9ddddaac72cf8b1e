package io.cutover.core.policy;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.readiness.Gate;
import io.cutover.core.readiness.ReadinessVerdict;
import io.cutover.core.request.CutoverRequest;
import io.cutover.core.rollback.RollbackPlan;
import io.cutover.core.rollback.RollbackPlanner;
import io.cutover.core.rollback.RollbackRefusedException;
import io.cutover.core.weights.ShiftRefusedException;
import io.cutover.core.weights.WeightPlan;
import io.cutover.core.weights.WeightPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Decides each mutating request from the current phase, the readiness verdict and the weights in
 * place. Pure: callers gather the facts, this says proceed, no-op or refuse (with the reason).
 */
public final class CutoverPolicy {
    /** Aurora MySQL's maximum Backtrack window. */
    static final Duration BACKTRACK_WINDOW = Duration.ofHours(72);

    private final WeightPlanner weights;
    private final RollbackPlanner rollbacks;

    public CutoverPolicy(CutoverConfig config) {
        this.weights = new WeightPlanner(config);
        this.rollbacks = new RollbackPlanner(config);
    }

    /** The gate a request needs a verdict for, or null when it needs none. */
    public static Gate gateFor(CutoverRequest request) {
        return switch (request) {
            case CutoverRequest.GradualCutover g -> Gate.READER;
            case CutoverRequest.ManualCutover m -> Gate.WRITER;
            default -> null;
        };
    }

    public Decision gradualCutover(int percent, CutoverState state, ReadinessVerdict verdict,
                                   Map<String, Weights> current) {
        Phase phase = state.phase();
        if (phase.isWriterSwitchUnderWay() || phase == Phase.ROLLING_BACK) {
            return refused("a " + (phase == Phase.ROLLING_BACK ? "rollback" : "writer switch") + " is in progress (phase "
                    + phase + "); reader weights move with it");
        }
        if (phase == Phase.COMPLETED || phase == Phase.FALLBACK_OPEN) {
            String done = phase == Phase.COMPLETED ? "the cutover is completed" : "the fall-back window is open";
            return percent == 100 ? new Decision.NoOp(done + "; readers are already on the target")
                    : refused(done + "; readers cannot move back" + (phase == Phase.COMPLETED ? ""
                    : " except by a rollback, which is the switch in reverse"));
        }
        WeightPlan plan;
        try {
            plan = weights.readerShift(percent, current);
        } catch (ShiftRefusedException e) {
            return refused(e.getMessage());
        }
        if (plan.isNoOp()) {
            return new Decision.NoOp("reader weights are already at " + percent + "% target");
        }
        if (verdict == null || !verdict.ready()) {
            return new Decision.Refused("not ready to shift readers: " + (verdict == null ? "no readiness verdict"
                    : verdict.summary()), verdict);
        }
        return new Decision.Proceed(plan, percent == 0 && phase == Phase.IDLE ? Phase.IDLE : Phase.SHIFTING, percent,
                null, "shift readers to " + percent + "% target");
    }

    public Decision manualCutover(CutoverState state, ReadinessVerdict verdict, Map<String, Weights> current) {
        Phase phase = state.phase();
        if (phase.isWriterSwitchUnderWay()) {
            return new Decision.NoOp("the writer switch is already under way (phase " + phase + ", execution "
                    + state.executionName() + ")");
        }
        if (phase == Phase.COMPLETED) {
            return new Decision.NoOp("the cutover is already completed");
        }
        if (phase == Phase.FALLBACK_OPEN) {
            return new Decision.NoOp("the writer is already on the target; the fall-back window is open");
        }
        if (phase == Phase.ROLLING_BACK) {
            return refused("a rollback is in progress");
        }
        if (verdict == null || !verdict.ready()) {
            return new Decision.Refused("not ready for the writer switch: " + (verdict == null ? "no readiness verdict"
                    : verdict.summary()), verdict);
        }
        return new Decision.Proceed(weights.writerSwitch(current), Phase.FENCED, 100, null,
                "start the fenced writer switch: fence the source, drain, sync sequences, then move the writer");
    }

    public Decision rollback(CutoverRequest.Rollback request, CutoverState state, Map<String, Weights> current) {
        RollbackPlan plan;
        try {
            plan = rollbacks.plan(request.strategy(), state.phase());
        } catch (RollbackRefusedException e) {
            return refused(e.getMessage());
        }
        WeightPlan weightPlan = weights.rollback(current);
        if (state.phase() == Phase.ROLLED_BACK && weightPlan.isNoOp()) {
            return new Decision.NoOp("already rolled back; every record is on the source");
        }
        if (!state.phase().isActive() && state.phase() != Phase.ROLLING_BACK && weightPlan.isNoOp()) {
            return new Decision.NoOp("nothing to roll back: phase " + state.phase() + " and every record is on the source");
        }
        return new Decision.Proceed(weightPlan, Phase.ROLLED_BACK, 0, plan, "roll back with strategy "
                + plan.strategy().wireName());
    }

    public Decision backtrack(CutoverRequest.Backtrack request, CutoverState state, Instant now) {
        try {
            rollbacks.requireBacktrackable();
        } catch (RollbackRefusedException e) {
            return refused(e.getMessage());
        }
        if (request.to().isAfter(now)) {
            return refused("to: " + request.to() + " is in the future; Backtrack rewinds to a past time");
        }
        if (request.to().isBefore(now.minus(BACKTRACK_WINDOW))) {
            return refused("to: " + request.to() + " is more than 72 hours ago, beyond any Backtrack window");
        }
        Phase phase = state.phase();
        if (phase.isWriterSwitchUnderWay() || phase == Phase.COMPLETED || phase == Phase.FALLBACK_OPEN
                || phase == Phase.ROLLING_BACK) {
            return refused("the target is taking (or about to take) writes (phase " + phase
                    + "): roll back first, Backtrack would rewind them away");
        }
        return new Decision.Proceed(new WeightPlan(java.util.List.of(), java.util.List.of()), phase,
                state.readerPercent(), null, "backtrack the target cluster to " + request.to());
    }

    /**
     * Closing the fall-back window (issue 18): only while it is open; a completed cutover has nothing left to close.
     * The plan carries no weight change: finalize stops reverse replication and removes the replication objects.
     */
    public static Decision finalizeWindow(CutoverState state) {
        return switch (state.phase()) {
            case FALLBACK_OPEN -> new Decision.Proceed(null, Phase.COMPLETED, 100, null,
                    "close the fall-back window: stop reverse replication, clean up, COMPLETED");
            case COMPLETED -> new Decision.NoOp("the cutover is completed; no fall-back window is open");
            default -> refused("no fall-back window is open (phase " + state.phase() + "); it opens once the watch "
                    + "after the switch passed with reverse replication running");
        };
    }

    private static Decision refused(String reason) {
        return new Decision.Refused(reason, null);
    }
}
