package io.cutover.core.weights;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.port.cloud.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides the weights to write. Readers move gradually; a writer group moves only in the fenced
 * switch, because two writable databases behind one weighted name is split-brain. The one exception
 * is a writer group that opts in with {@code allowWeightedWrites} (bidirectional replication only).
 */
public final class WeightPlanner {
    static final String WRITER_ONLY_REFUSAL = "gradual_cutover moves reader traffic only, and this config has only "
            + "writer record groups: weighted writes would split the data between two writable databases. Declare a "
            + "reader record group, or move the writer with {\"action\":\"manual_cutover\"} (fenced switch); set "
            + "allowWeightedWrites: true on a writer group only if replication runs in both directions";

    private final CutoverConfig config;

    public WeightPlanner(CutoverConfig config) {
        this.config = config;
    }

    /** Shift reader groups (and opted-in writer groups) to {@code targetPercent} on the target. */
    public WeightPlan readerShift(int targetPercent, Map<String, Weights> current) {
        if (targetPercent < 0 || targetPercent > 100) {
            throw new ShiftRefusedException("aurora_weight must be 0..100, was " + targetPercent);
        }
        List<RecordGroup> movable = config.recordGroups().stream()
                .filter(g -> !g.isWriter() || g.allowWeightedWrites()).toList();
        if (movable.isEmpty()) {
            throw new ShiftRefusedException(WRITER_ONLY_REFUSAL);
        }
        Weights wanted = Weights.forTargetPercent(targetPercent);
        List<String> notes = new ArrayList<>(splitWriterNotes(current));
        for (RecordGroup group : movable) {
            Weights before = currentOf(group, current);
            // Exact share, not the rounded-down percent: 1/5 (16.7%) asked to go to 16% is a step back.
            if ((long) before.target() * 100 > (long) targetPercent * (before.source() + before.target())) {
                throw new ShiftRefusedException("record group " + group.name() + " already sends " + before.targetPercent()
                        + "% to the target (weights " + before.source() + "/" + before.target() + " source/target); "
                        + "shifting back to " + targetPercent + "% needs {\"action\":\"rollback\"}");
            }
            if (group.isWriter()) {
                notes.add("writer group " + group.name() + " is shifted by weight because allowWeightedWrites is true: "
                        + "both databases accept writes while it is split (safe only with bidirectional replication)");
            }
        }
        return plan(movable, current, g -> wanted, notes);
    }

    /** The fenced switch: every group, writers included, to 100% target. */
    public WeightPlan writerSwitch(Map<String, Weights> current) {
        return plan(config.recordGroups(), current, g -> Weights.allTarget(), splitWriterNotes(current));
    }

    /** Rollback: every group back to 100% source. */
    public WeightPlan rollback(Map<String, Weights> current) {
        return plan(config.recordGroups(), current, g -> Weights.allSource(), splitWriterNotes(current));
    }

    private WeightPlan plan(List<RecordGroup> groups, Map<String, Weights> current, Function<RecordGroup, Weights> to,
                            List<String> notes) {
        List<WeightChange> changes = new ArrayList<>();
        for (RecordGroup group : groups) {
            Weights before = currentOf(group, current);
            Weights after = to.apply(group);
            // Moving weights is the only thing a plan does; an equal ratio already in place is left alone.
            changes.add(new WeightChange(group, before, sameShare(before, after) ? before : after));
        }
        return new WeightPlan(changes, notes);
    }

    private static boolean sameShare(Weights a, Weights b) {
        return (long) a.source() * b.target() == (long) a.target() * b.source();
    }

    private static Weights currentOf(RecordGroup group, Map<String, Weights> current) {
        Weights weights = current.get(group.name());
        if (weights == null) {
            throw new IllegalArgumentException("no current weights for record group " + group.name());
        }
        return weights;
    }

    private List<String> splitWriterNotes(Map<String, Weights> current) {
        List<String> notes = new ArrayList<>();
        for (RecordGroup group : config.writerGroups()) {
            Weights weights = current.get(group.name());
            if (weights != null && weights.splitsTraffic() && !group.allowWeightedWrites()) {
                notes.add("writer group " + group.name() + " is split " + weights.source() + "/" + weights.target()
                        + " (source/target) right now: both databases may be taking writes");
            }
        }
        return notes;
    }
}
