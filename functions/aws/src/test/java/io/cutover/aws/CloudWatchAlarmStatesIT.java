package io.cutover.aws;

import io.cutover.aws.testing.FormBody;
import io.cutover.core.port.cloud.AlarmState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CloudWatchAlarmStatesIT extends WireMockAwsTest {

    @Test
    void states_reportsMetricAndCompositeAlarms_inRequestOrder_andMissingNames() {
        // GIVEN one metric alarm in ALARM, one composite alarm in OK; the third name has no alarm
        wireMock.stubFor(queryCall("DescribeAlarms").willReturn(xml("""
                <DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                  <DescribeAlarmsResult>
                    <MetricAlarms><member>
                      <AlarmName>orders-aurora-cpu-high</AlarmName><StateValue>ALARM</StateValue>
                      <MetricName>CPUUtilization</MetricName><Namespace>AWS/RDS</Namespace>
                    </member></MetricAlarms>
                    <CompositeAlarms><member>
                      <AlarmName>orders-dms-cdc-latency-high</AlarmName><StateValue>OK</StateValue>
                      <AlarmRule>ALARM(a) OR ALARM(b)</AlarmRule>
                    </member></CompositeAlarms>
                  </DescribeAlarmsResult>
                  <ResponseMetadata><RequestId>0c1d2e3f-0000-4000-8000-000000000000</RequestId></ResponseMetadata>
                </DescribeAlarmsResponse>""")));

        // WHEN
        Map<String, AlarmState> states = new CloudWatchAlarmStates(clients::cloudWatch)
                .states(List.of("orders-dms-cdc-latency-high", "orders-aurora-cpu-high", "orders-gone"));

        // THEN
        assertThat(states).containsExactly(
                Map.entry("orders-dms-cdc-latency-high", AlarmState.OK),
                Map.entry("orders-aurora-cpu-high", AlarmState.ALARM),
                Map.entry("orders-gone", AlarmState.MISSING));
        // AND one request named all three alarms and asked for both alarm types
        Map<String, String> sent = FormBody.parse(queryRequests("DescribeAlarms").getFirst().getBodyAsString());
        assertThat(sent).containsEntry("AlarmNames.member.1", "orders-dms-cdc-latency-high")
                .containsEntry("AlarmNames.member.2", "orders-aurora-cpu-high")
                .containsEntry("AlarmNames.member.3", "orders-gone")
                .containsEntry("AlarmTypes.member.1", "MetricAlarm")
                .containsEntry("AlarmTypes.member.2", "CompositeAlarm");
        assertThat(requestCount()).isEqualTo(1);
    }
}
