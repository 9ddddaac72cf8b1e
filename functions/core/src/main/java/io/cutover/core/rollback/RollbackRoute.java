package io.cutover.core.rollback;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.port.cloud.Weights;

import java.util.List;
import java.util.Map;

/**
 * How a rollback moves the writes back. Until a writer record points at the target, the target took no application
 * write and moving traffic back (then unfencing the source) loses nothing. Once it does, the target may hold writes
 * the source lacks: with reverse replication running they are carried back by the fenced switch in reverse (fence
 * the target, drain the reverse stream, sequences onto the source, unfence the source, records back); without it
 * (DMS today) traffic still goes back, and the output says the target's writes since the switch stay there.
 */
public enum RollbackRoute {
    /** The writer never moved: records back, source unfenced. */
    TRAFFIC_ONLY,
    /** The writer moved and reverse replication runs: the switch in reverse. */
    REVERSE_SWITCH,
    /** The writer moved and nothing replicates back: records back, the target's writes since the switch left. */
    TRAFFIC_ONLY_TARGET_WRITES_LEFT;

    /**
     * @param current                 the groups' weights as read now
     * @param reverseReplicationStarted a reverse replication record exists and the window has not been finalized
     * @param targetFencedBefore        an earlier rollback already fenced the target to carry its writes back
     */
    public static RollbackRoute choose(CutoverConfig config, Map<String, Weights> current,
                                       boolean reverseReplicationStarted, boolean targetFencedBefore) {
        // A repeated rollback (the alarm handler and the workflow both roll back; Lambdas run at least once) finds
        // the records already back on the source. The writer did move: taking it for a rollback before the switch
        // would "abandon" the reverse replication and resume forward replication into a target that has diverged.
        // Repeating the reverse switch is safe: the target stays fenced, the drain and the sequences are done.
        if (targetFencedBefore && reverseReplicationStarted) {
            return REVERSE_SWITCH;
        }
        if (!writerOnTarget(config.writerGroups(), current)) {
            return TRAFFIC_ONLY;
        }
        return reverseReplicationStarted ? REVERSE_SWITCH : TRAFFIC_ONLY_TARGET_WRITES_LEFT;
    }

    /**
     * Any writer record with target weight: the writer switch may have been applied even when its phase was not
     * recorded yet (a rollback racing the switch), so the records decide, not the phase. A group whose weights
     * could not be read counts as on the target: assuming the writer did not move could lose writes.
     */
    static boolean writerOnTarget(List<RecordGroup> writers, Map<String, Weights> current) {
        return writers.stream().map(g -> current.get(g.name())).anyMatch(w -> w == null || w.target() > 0);
    }

    /** What the rollback's output says about the target's writes. */
    public String describe() {
        return switch (this) {
            case TRAFFIC_ONLY -> "the writer had not moved: the target took no application write";
            case REVERSE_SWITCH -> "the writer had moved: the target's writes were carried back by reverse"
                    + " replication before the source was unfenced";
            case TRAFFIC_ONLY_TARGET_WRITES_LEFT -> "the writer had moved and no reverse replication runs: writes the"
                    + " target took since the switch are NOT on the source";
        };
    }
}
