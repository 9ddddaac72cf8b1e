package io.cutover.bench;

import java.lang.management.ManagementFactory;

/**
 * The one line a probe JVM prints for the driver. JDK only: both probes load it, whatever their classpath.
 * Times are wall-clock milliseconds from the driver's launch of this JVM (passed as the first argument) and from
 * the JVM's own start as the runtime MXBean records it.
 */
final class ProbeReport {
    static final String PREFIX = "BENCH-RESULT ";

    private ProbeReport() {
    }

    static void print(String mode, long launchedAt, long initDoneAt, long firstServedAt, String outcome) {
        // Read only now: loading the management classes must not fall inside the measured interval.
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(PREFIX + "mode=" + mode
                + " launchToInitMs=" + (initDoneAt - launchedAt)
                + " launchToFirstMs=" + (firstServedAt - launchedAt)
                + " jvmToInitMs=" + (initDoneAt - jvmStart)
                + " jvmToFirstMs=" + (firstServedAt - jvmStart)
                + " outcome=" + outcome);
    }

    static String outcomeOf(String answerJson) {
        int at = answerJson.indexOf("\"outcome\":\"");
        if (at < 0) {
            return "none";
        }
        int from = at + "\"outcome\":\"".length();
        return answerJson.substring(from, answerJson.indexOf('"', from));
    }

    /** A DMS state change for a task of another migration: the function reads its config (one call) and ignores it. */
    static final String FOREIGN_DMS_EVENT = """
            {"version":"0","id":"7b0e4c2d-1f3a-4e5b-9c6d-8e7f6a5b4c3d","detail-type":"DMS Replication Task State Change",
             "source":"aws.dms","account":"123456789012","time":"2026-11-21T09:58:10Z","region":"eu-west-1",
             "resources":["arn:aws:dms:eu-west-1:123456789012:task:BILLINGTASKONE"],
             "detail":{"type":"REPLICATION_TASK","category":"StateChange","eventType":"REPLICATION_TASK_STARTED",
                       "eventId":"DMS-EVENT-0069","resourceLink":"https://console.aws.amazon.com/dms/v2/home",
                       "detailMessage":"Replication task started, with flag = fresh start"}}""";

    static final String SCHEDULED_EVENT = """
            {"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41","detail-type":"Scheduled Event",
             "source":"aws.events","account":"123456789012","time":"2026-11-21T10:00:00Z","region":"eu-west-1",
             "resources":["arn:aws:events:eu-west-1:123456789012:rule/bench-readiness-poll"],"detail":{}}""";
}
