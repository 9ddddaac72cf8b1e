package io.cutover.core.port.cloud;

import java.util.List;
import java.util.Map;

/** The current state of named CloudWatch alarms (metric or composite). */
public interface AlarmStates {

    /** One entry per requested name, in request order; a name with no alarm maps to {@link AlarmState#MISSING}. */
    Map<String, AlarmState> states(List<String> alarmNames);
}
