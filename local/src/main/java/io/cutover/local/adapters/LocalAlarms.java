package io.cutover.local.adapters;

import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.port.cloud.AlarmStates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alarm states set by the user's state file or by the rehearsal's fault injection; unknown alarms are OK. */
public final class LocalAlarms implements AlarmStates {
    private final Map<String, AlarmState> states = new LinkedHashMap<>();

    public synchronized LocalAlarms set(String alarm, AlarmState state) {
        states.put(alarm, state);
        return this;
    }

    @Override
    public synchronized Map<String, AlarmState> states(List<String> alarmNames) {
        Map<String, AlarmState> result = new LinkedHashMap<>();
        alarmNames.forEach(name -> result.put(name, states.getOrDefault(name, AlarmState.OK)));
        return result;
    }
}
