package io.cutover.cdk.config;

import static io.cutover.cdk.config.CommonFields.intValue;
import static io.cutover.cdk.config.CommonFields.orEmpty;

import io.cutover.cdk.config.DeploymentConfig.AlarmSpec;
import io.cutover.cdk.config.DeploymentConfig.Monitoring;
import io.cutover.core.config.AlarmName;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.util.List;

/**
 * {@code monitoring}: the alarms the stack creates, named and set from the cutover config by default, and the
 * alarms made elsewhere that the cutover config may also watch. Without DMS there are no DMS alarms.
 */
final class MonitoringSection {
    private MonitoringSection() {
    }

    static Monitoring parse(JsonFields f, Obj m, CutoverConfig cutover, boolean dms) {
        if (m == null) {
            return null;
        }
        String id = cutover.migrationId();
        double latencyDefault = cutover.readiness().maxReaderLatencySeconds();
        AlarmSpec cdc = dms ? alarm(m, "cdcLatency", "thresholdSeconds", id + "-dms-cdc-latency-high", latencyDefault, 3,
                0, 86_400) : null;
        AlarmSpec cpu = alarm(m, "targetCpu", "thresholdPercent", id + "-aurora-cpu-high", 80, 3, 1, 100);
        AlarmSpec connections = alarm(m, "targetConnections", "threshold", id + "-aurora-connections-high", 1000, 3, 1,
                100_000);
        AlarmSpec failure = dms ? alarm(m, "dmsTaskFailure", null, id + "-dms-task-failed", 1, 1, 1, 1) : null;
        if (!dms && (m.has("cdcLatency") || m.has("dmsTaskFailure"))) {
            f.report(m.path(m.has("cdcLatency") ? "cdcLatency" : "dmsTaskFailure"), "{...}",
                    "no DMS alarms: the cutover config replicates natively");
        }
        List<String> external = orEmpty(m.textList("externalAlarmNames", false, 0, 100, AlarmName.PATTERN,
                AlarmName.TEXT));
        return new Monitoring(cdc, cpu, connections, failure, external);
    }

    private static AlarmSpec alarm(Obj monitoring, String name, String thresholdField, String defaultName,
                                   double defaultThreshold, int defaultMinutes, double min, double max) {
        Obj a = thresholdField == null ? monitoring.objectOrEmpty(name, "alarmName")
                : monitoring.objectOrEmpty(name, "alarmName", thresholdField, "evaluationMinutes");
        if (a == null) {
            return null;
        }
        String alarmName = a.optionalText("alarmName", AlarmName.PATTERN, AlarmName.TEXT, defaultName);
        Double threshold = thresholdField == null ? Double.valueOf(defaultThreshold)
                : a.optionalNumber(thresholdField, min, max, defaultThreshold);
        Long minutes = thresholdField == null ? Long.valueOf(defaultMinutes)
                : a.optionalInteger("evaluationMinutes", 1, 60, defaultMinutes);
        return new AlarmSpec(alarmName, threshold == null ? 0 : threshold, intValue(minutes));
    }
}
