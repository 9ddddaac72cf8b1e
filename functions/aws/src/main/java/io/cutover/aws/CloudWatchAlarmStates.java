package io.cutover.aws;

import io.cutover.core.port.cloud.AlarmState;
import io.cutover.core.port.cloud.AlarmStates;
import io.cutover.core.port.cloud.UnexpectedAwsAnswerException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** Alarm states from DescribeAlarms by name, metric and composite alarms alike. */
public final class CloudWatchAlarmStates implements AlarmStates {
    // DescribeAlarms takes at most 100 names per call.
    private static final int NAMES_PER_CALL = 100;

    private final Supplier<CloudWatchClient> cloudWatch;

    public CloudWatchAlarmStates(Supplier<CloudWatchClient> cloudWatch) {
        this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
    }

    @Override
    public Map<String, AlarmState> states(List<String> alarmNames) {
        List<String> names = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(alarmNames, "alarmNames")));
        Map<String, AlarmState> seen = new HashMap<>();
        for (int from = 0; from < names.size(); from += NAMES_PER_CALL) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + NAMES_PER_CALL));
            String token = null;
            do {
                String next = token;
                // Without AlarmTypes DescribeAlarms returns metric alarms only.
                DescribeAlarmsResponse page = cloudWatch.get().describeAlarms(r -> r.alarmNames(batch)
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).nextToken(next));
                page.metricAlarms().forEach(a -> seen.put(a.alarmName(), state(a.stateValue(), a.alarmName())));
                page.compositeAlarms().forEach(a -> seen.put(a.alarmName(), state(a.stateValue(), a.alarmName())));
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        }
        Map<String, AlarmState> states = new LinkedHashMap<>();
        names.forEach(name -> states.put(name, seen.getOrDefault(name, AlarmState.MISSING)));
        return states;
    }

    private static AlarmState state(StateValue value, String alarm) {
        return switch (value) {
            case OK -> AlarmState.OK;
            case ALARM -> AlarmState.ALARM;
            case INSUFFICIENT_DATA -> AlarmState.INSUFFICIENT_DATA;
            case null, default -> throw new UnexpectedAwsAnswerException("alarm " + alarm + " has a state this code does not know: "
                    + value + "; treat it as unknown rather than OK");
        };
    }
}
