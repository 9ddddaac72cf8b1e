package io.cutover.core.readiness;

import io.cutover.core.port.cloud.AlarmState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything observed for one evaluation.
 *
 * @param samples     recent lag samples of every replication source (several polls' worth)
 * @param dmsTasks    facts per DMS task (empty for native replication)
 * @param slots       facts per replication slot (empty for DMS)
 * @param alarmStates state per watched alarm; null when alarms were not read for this evaluation
 */
public record ReadinessEvidence(Instant now, List<LagSample> samples, List<DmsTaskFacts> dmsTasks,
                                List<NativeSlotFacts> slots, Map<String, AlarmState> alarmStates) {
    public ReadinessEvidence {
        samples = List.copyOf(samples);
        dmsTasks = List.copyOf(dmsTasks);
        slots = List.copyOf(slots);
        alarmStates = alarmStates == null ? null : Map.copyOf(alarmStates);
    }
}
