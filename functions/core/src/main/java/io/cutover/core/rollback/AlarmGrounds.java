package io.cutover.core.rollback;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.phase.Phase;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which watched alarms in ALARM are grounds for a rollback in a phase. Once the writer has moved, forward replication
 * carries nothing any more (the source is fenced and drained; the forward subscriptions or DMS task are stopped at the
 * switch), so an alarm over it says nothing about the target the application now writes to: its metric stops and
 * goes to INSUFFICIENT_DATA, and a late datapoint from the drain (CloudWatch publishes DMS metrics per minute, late)
 * could still flip it to ALARM. Rolling back then would move the writer away from a healthy target for nothing.
 */
public final class AlarmGrounds {
    /** The writer is on the target: the phases of the watch and of the fall-back window. */
    private static final Set<Phase> WRITER_MOVED = EnumSet.of(Phase.SWITCHED, Phase.FALLBACK_OPEN);

    private AlarmGrounds() {
    }

    /** Whether this watched alarm in ALARM should roll back a cutover in this phase. */
    public static boolean isRollbackGround(CutoverConfig config, String alarm, Phase phase) {
        return !(WRITER_MOVED.contains(phase) && config.replicationAlarms().contains(alarm));
    }

    /** Why it is not, for the answer and the log. */
    public static String whyNot(String alarm, Phase phase) {
        return "alarm " + alarm + " watches forward replication (replicationAlarms), which ended at the writer switch"
                + " (phase " + phase + "): not a rollback ground";
    }
}
