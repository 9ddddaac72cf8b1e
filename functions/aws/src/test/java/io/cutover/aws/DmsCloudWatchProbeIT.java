package io.cutover.aws;

import static io.cutover.aws.testing.StubResponses.metricResult;

import io.cutover.aws.testing.FormBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cutover.core.config.DmsTaskSettings;
import io.cutover.core.port.cloud.DmsPoll;
import io.cutover.core.port.cloud.TableStatistics;
import io.cutover.core.readiness.DmsTaskFacts;
import io.cutover.core.readiness.LagSample;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static org.assertj.core.api.Assertions.assertThat;

class DmsCloudWatchProbeIT extends WireMockAwsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TASKS = "AmazonDMSv20160101.DescribeReplicationTasks";
    private static final String INSTANCES = "AmazonDMSv20160101.DescribeReplicationInstances";
    private static final String TABLES = "AmazonDMSv20160101.DescribeTableStatistics";
    private static final String STOP = "AmazonDMSv20160101.StopReplicationTask";
    private static final String START = "AmazonDMSv20160101.StartReplicationTask";
    private static final String ACCOUNT = "arn:aws:dms:eu-west-1:123456789012:";
    private static final String REVERSE = ACCOUNT + "task:REVERSEOFORDERSTARGETTOSOURCE";
    private static final String INSTANCE_A = ACCOUNT + "rep:5UAX6IVZH2EGBH37TZH3RFMQOHQQQX2MNM6QWSY";
    private static final String INSTANCE_B = ACCOUNT + "rep:GQ2VXY7PNWMBFU3ZK4RTLHDSO6EIACJ5YB8N1TO";
    private static final Instant NOW = Instant.parse("2026-05-04T10:05:00Z");
    private static final Instant T1 = Instant.parse("2026-05-04T10:01:00Z");
    private static final Instant T2 = Instant.parse("2026-05-04T10:02:00Z");
    private static final Instant T3 = Instant.parse("2026-05-04T10:03:00Z");

    private DmsCloudWatchProbe probe() {
        return new DmsCloudWatchProbe(clients::dms, clients::cloudWatch, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMinutes(1));
    }

    private static String taskArn(int i) {
        return ACCOUNT + "task:UPIIRRYFTHAI7AAEHCM6X5CAFXH2OD" + "%03d".formatted(i);
    }

    @Test
    void poll_of50Tasks_costsExactlyTwoRequests_onceTheInstanceNamesAreKnown() throws Exception {
        // GIVEN 50 running tasks on two replication instances, each with all three metrics in CloudWatch
        List<String> arns = IntStream.range(0, 50).mapToObj(DmsCloudWatchProbeIT::taskArn).toList();
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < arns.size(); i++) {
            tasks.add(task(arns.get(i), i < 25 ? INSTANCE_A : INSTANCE_B, "running", 0));
        }
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(tasks, null))));
        wireMock.stubFor(jsonCall(INSTANCES).willReturn(json(instances())));
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(metricResult("t" + i + "_src", List.of(T1), List.of(1.0)));
            results.add(metricResult("t" + i + "_tgt", List.of(T1), List.of(2.0)));
            results.add(metricResult("t" + i + "_inc", List.of(T1), List.of(0.0)));
        }
        wireMock.stubFor(queryCall("GetMetricData").willReturn(xml(metricData(results, null))));
        DmsCloudWatchProbe probe = probe();

        // WHEN the first poll runs
        DmsPoll first = probe.poll(arns, Duration.ofMinutes(5));

        // THEN it also looked up the two instance names, once
        assertThat(jsonRequests(TASKS)).hasSize(1);
        assertThat(jsonRequests(INSTANCES)).hasSize(1);
        assertThat(queryRequests("GetMetricData")).hasSize(1);
        assertThat(requestCount()).isEqualTo(3);
        assertThat(first.tasks()).hasSize(50).allSatisfy(f -> assertThat(f.apiStatus()).isEqualTo("running"));
        assertThat(first.samples()).hasSize(50).allSatisfy(s -> assertThat(s.latencySeconds()).isEqualTo(2.0));

        // AND one DescribeReplicationTasks carried every ARN in its filter
        JsonNode describe = JSON.readTree(jsonRequests(TASKS).getFirst().getBodyAsString());
        assertThat(describe.path("Filters")).hasSize(1);
        assertThat(describe.path("Filters").get(0).path("Name").asText()).isEqualTo("replication-task-arn");
        assertThat(texts(describe.path("Filters").get(0).path("Values"))).containsExactlyElementsOf(arns);
        assertThat(describe.path("WithoutSettings").asBoolean()).isTrue();
        JsonNode instances = JSON.readTree(jsonRequests(INSTANCES).getFirst().getBodyAsString());
        assertThat(texts(instances.path("Filters").get(0).path("Values"))).containsExactlyInAnyOrder(INSTANCE_A, INSTANCE_B);

        // AND one GetMetricData covered every task x 3 metrics with the dimensions DMS publishes
        List<Map<String, String>> queries = metricQueries(queryRequests("GetMetricData").getFirst().getBodyAsString());
        assertThat(queries).hasSize(150);
        Set<String> covered = new HashSet<>();
        for (Map<String, String> q : queries) {
            assertThat(q.get("MetricStat.Metric.Namespace")).isEqualTo("AWS/DMS");
            assertThat(q.get("MetricStat.Stat")).isEqualTo("Maximum");
            assertThat(q.get("MetricStat.Period")).isEqualTo("60");
            assertThat(q.get("MetricStat.Metric.Dimensions.member.1.Name")).isEqualTo("ReplicationInstanceIdentifier");
            assertThat(q.get("MetricStat.Metric.Dimensions.member.2.Name")).isEqualTo("ReplicationTaskIdentifier");
            covered.add(q.get("MetricStat.Metric.Dimensions.member.2.Value") + "/" + q.get("MetricStat.Metric.MetricName")
                    + "@" + q.get("MetricStat.Metric.Dimensions.member.1.Value"));
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String resourceId = arns.get(i).substring(arns.get(i).lastIndexOf(':') + 1);
            for (String metric : List.of("CDCLatencySource", "CDCLatencyTarget", "CDCIncomingChanges")) {
                expected.add(resourceId + "/" + metric + "@" + (i < 25 ? "orders-dms-a" : "orders-dms-b"));
            }
        }
        assertThat(covered).isEqualTo(expected);

        // WHEN the next poll runs
        wireMock.resetRequests();
        probe.poll(arns, Duration.ofMinutes(5));

        // THEN it costs exactly two requests
        assertThat(requestCount()).isEqualTo(2);
        assertThat(jsonRequests(TASKS)).hasSize(1);
        assertThat(queryRequests("GetMetricData")).hasSize(1);
    }

    @Test
    void poll_reportsUnreturnedTasksAsMissing_andTakesTheTargetLatencyAsTheLag_atEachMetricTimestamp() {
        // GIVEN three configured tasks of which DMS returns two; only the first has metrics
        String a = taskArn(1);
        String gone = taskArn(2);
        String b = taskArn(3);
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(task(a, INSTANCE_A, "running", 0),
                task(b, INSTANCE_A, "failed", 2)), null))));
        wireMock.stubFor(jsonCall(INSTANCES).willReturn(json(instances())));
        wireMock.stubFor(queryCall("GetMetricData").willReturn(xml(metricData(List.of(
                metricResult("t0_src", List.of(T1, T2, T3), List.of(1.0, 2.0, 4.0)),
                metricResult("t0_tgt", List.of(T1, T2), List.of(1.5, 2.25)),
                metricResult("t0_inc", List.of(T1, T2), List.of(10.0, 0.0)),
                metricResult("t1_src", List.of(), List.of()),
                metricResult("t1_tgt", List.of(), List.of()),
                metricResult("t1_inc", List.of(), List.of())), null))));

        // WHEN
        DmsPoll poll = probe().poll(List.of(a, gone, b), Duration.ofMinutes(5));

        // THEN facts come in configured order; the unreturned task is "missing"
        assertThat(poll.tasks()).containsExactly(
                DmsTaskFacts.polled(a, "running", 0, 0L),
                DmsTaskFacts.polled(gone, "missing", 0, null),
                DmsTaskFacts.polled(b, "failed", 2, null));
        // AND a sample is the target latency (it includes the source's), where it has a value, at the metric time;
        // T3 has a source figure only, which says nothing about what the target applied
        assertThat(poll.samples()).containsExactly(new LagSample(a, T1, 1.5, null, 60), new LagSample(a, T2, 2.25, null, 60));
        assertThat(poll.polledAt()).isEqualTo(NOW);
        // AND the window ends now and starts a period before the window: a datapoint that ended inside the window
        // is labelled with the start of its period
        Map<String, String> form = FormBody.parse(queryRequests("GetMetricData").getFirst().getBodyAsString());
        assertThat(Instant.parse(form.get("EndTime"))).isEqualTo(NOW);
        assertThat(Instant.parse(form.get("StartTime"))).isEqualTo(NOW.minus(Duration.ofMinutes(6)));
    }

    @Test
    void lag_isTheTargetLatency_whichIncludesTheSources_neverTheSumOfTheTwo() {
        // GIVEN DMS reads changes 20 s after their commit and the target has applied up to 25 s ago
        String a = taskArn(1);
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(task(a, INSTANCE_A, "running", 0)), null))));
        wireMock.stubFor(jsonCall(INSTANCES).willReturn(json(instances())));
        wireMock.stubFor(queryCall("GetMetricData").willReturn(xml(metricData(List.of(
                metricResult("t0_src", List.of(T1), List.of(20.0)),
                metricResult("t0_tgt", List.of(T1), List.of(25.0)),
                metricResult("t0_inc", List.of(T1), List.of(3.0))), null))));

        // WHEN / THEN the end-to-end lag is 25 s (CDCLatencyTarget is measured from the source commit), not 45 s
        assertThat(probe().poll(List.of(a), Duration.ofMinutes(5)).samples())
                .containsExactly(new LagSample(a, T1, 25.0, null, 60));
    }

    @Test
    void lateDatapoints_endingInsideTheWindow_areAskedFor_andCarryTheirPeriod() {
        // GIVEN CloudWatch two minutes behind: at 10:05 its newest CDCLatencyTarget datapoint is the 10:02 minute
        String a = taskArn(1);
        Instant t0959 = Instant.parse("2026-05-04T09:59:00Z");
        Instant t1000 = Instant.parse("2026-05-04T10:00:00Z");
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(task(a, INSTANCE_A, "running", 0)), null))));
        wireMock.stubFor(jsonCall(INSTANCES).willReturn(json(instances())));
        wireMock.stubFor(queryCall("GetMetricData").willReturn(xml(metricData(List.of(
                metricResult("t0_src", List.of(), List.of()),
                metricResult("t0_tgt", List.of(t0959, t1000, T1, T2), List.of(1.0, 1.0, 1.0, 1.0)),
                metricResult("t0_inc", List.of(), List.of())), null))));

        // WHEN polled over 180 s + a 120 s ingestion allowance (what the handlers ask for with the defaults)
        DmsPoll poll = probe().poll(List.of(a), Duration.ofSeconds(300));

        // THEN it asked from 09:59, a period before the window: the 09:59 minute ended at 10:00, exactly 300 s ago,
        // and GetMetricData labels it 09:59; a minute that ended before 10:00 is not asked for at all
        Map<String, String> form = FormBody.parse(queryRequests("GetMetricData").getFirst().getBodyAsString());
        assertThat(Instant.parse(form.get("StartTime"))).isEqualTo(t0959);
        assertThat(Instant.parse(form.get("EndTime"))).isEqualTo(NOW);
        // AND every sample says it covers a one-minute period, so its age is measured from the period's end: the
        // newest, labelled 10:02, speaks for the task until 10:03
        assertThat(poll.samples()).extracting(LagSample::at).containsExactly(t0959, t1000, T1, T2);
        assertThat(poll.samples()).allSatisfy(s -> assertThat(s.periodSeconds()).isEqualTo(60));
        assertThat(poll.samples().getLast().observedUntil()).isEqualTo(T3);
    }

    @Test
    void taskSettings_areReadFromDescribeReplicationTasks_withTheSettingsLeftIn() throws Exception {
        // GIVEN two tasks: one as the stack deploys it, one with batch apply, no status table and its own schema,
        // its settings a JSON string as DMS returns them (fields it leaves out take DMS's defaults)
        String a = taskArn(1);
        String b = taskArn(2);
        ObjectNode deployed = task(a, INSTANCE_A, "running", 0)
                .put("ReplicationTaskSettings", DmsTaskSettings.defaults().toJson());
        ObjectNode changed = task(b, INSTANCE_A, "running", 0).put("ReplicationTaskSettings", """
                {"TargetMetadata": {"BatchApplyEnabled": true, "SupportLobs": true},
                 "ControlTablesSettings": {"ControlSchema": "dms_ops", "StatusTableEnabled": false,
                                           "HistoryTimeslotInMinutes": 5}}""");
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(deployed, changed), null))));

        // WHEN
        Map<String, DmsTaskSettings> settings = probe().taskSettings(List.of(a, b, taskArn(3)));

        // THEN each task's own settings, and nothing for the task DMS did not return
        assertThat(settings).containsOnlyKeys(a, b);
        assertThat(settings.get(a)).isEqualTo(DmsTaskSettings.defaults());
        assertThat(settings.get(b).batchApplyEnabled()).isTrue();
        assertThat(settings.get(b).statusTableEnabled()).isFalse();
        assertThat(settings.get(b).effectiveControlSchema()).isEqualTo("dms_ops");
        // AND the one call asked for the settings (WithoutSettings false), filtered by the ARNs
        JsonNode describe = JSON.readTree(jsonRequests(TASKS).getFirst().getBodyAsString());
        assertThat(describe.path("WithoutSettings").asBoolean(true)).isFalse();
        assertThat(texts(describe.path("Filters").get(0).path("Values"))).containsExactly(a, b, taskArn(3));
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void taskSettings_thatAreNotTaskSettings_areRefusedNamingTheField() {
        String a = taskArn(1);
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(task(a, INSTANCE_A, "running", 0)
                .put("ReplicationTaskSettings", "{\"TargetMetadata\": {\"BatchApplyEnabled\": \"no\"}}")), null))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe().taskSettings(List.of(a)))
                .isInstanceOf(io.cutover.core.json.InvalidDocumentException.class)
                .hasMessageContaining("TargetMetadata.BatchApplyEnabled");
    }

    @Test
    void poll_followsTheMarkerAndNextTokenPagination() {
        // GIVEN DMS returns the tasks over two pages and CloudWatch the data over two pages
        String a = taskArn(1);
        String b = taskArn(2);
        wireMock.stubFor(jsonCall(TASKS).withRequestBody(notContaining("Marker"))
                .willReturn(json(tasksPage(List.of(task(a, INSTANCE_A, "running", 0)), "page-2"))));
        wireMock.stubFor(jsonCall(TASKS).withRequestBody(containing("\"Marker\":\"page-2\""))
                .willReturn(json(tasksPage(List.of(task(b, INSTANCE_B, "running", 0)), null))));
        wireMock.stubFor(jsonCall(INSTANCES).willReturn(json(instances())));
        wireMock.stubFor(queryCall("GetMetricData").withRequestBody(notContaining("NextToken"))
                .willReturn(xml(metricData(List.of(metricResult("t0_src", List.of(T1), List.of(1.0)),
                        metricResult("t0_tgt", List.of(T1), List.of(1.5))), "token-2"))));
        wireMock.stubFor(queryCall("GetMetricData").withRequestBody(containing("NextToken=token-2"))
                .willReturn(xml(metricData(List.of(metricResult("t1_src", List.of(T1), List.of(5.0)),
                        metricResult("t1_tgt", List.of(T1), List.of(6.0))), null))));

        // WHEN
        DmsPoll poll = probe().poll(List.of(a, b), Duration.ofMinutes(5));

        // THEN both pages of each were merged
        assertThat(poll.tasks()).extracting(DmsTaskFacts::apiStatus).containsExactly("running", "running");
        assertThat(poll.samples()).containsExactlyInAnyOrder(new LagSample(a, T1, 1.5, null, 60), new LagSample(b, T1, 6.0, null, 60));
        assertThat(jsonRequests(TASKS)).hasSize(2);
        assertThat(queryRequests("GetMetricData")).hasSize(2);
    }

    @Test
    void poll_reportsEveryTaskMissing_whenDmsFindsNone_withoutAskingCloudWatch() {
        // GIVEN DMS answers a filter that matches nothing with ResourceNotFoundFault
        wireMock.stubFor(jsonCall(TASKS).willReturn(jsonError("ResourceNotFoundFault",
                "No Tasks found matching provided filters")));

        // WHEN
        DmsPoll poll = probe().poll(List.of(taskArn(1)), Duration.ofMinutes(5));

        // THEN
        assertThat(poll.tasks()).containsExactly(DmsTaskFacts.polled(taskArn(1), "missing", 0, null));
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void tableStatistics_countsErroredTables_andSumsFailedAndSuspendedValidationApart_acrossPages() {
        // GIVEN two pages of table statistics
        wireMock.stubFor(jsonCall(TABLES).withRequestBody(notContaining("Marker")).willReturn(json("""
                {"ReplicationTaskArn":"%s","Marker":"next","TableStatistics":[
                  {"SchemaName":"public","TableName":"orders","TableState":"Table completed",
                   "ValidationState":"Mismatched records","ValidationFailedRecords":3,"ValidationSuspendedRecords":1},
                  {"SchemaName":"public","TableName":"invoices","TableState":"Table error",
                   "ValidationState":"Table error","ValidationFailedRecords":0,"ValidationSuspendedRecords":0}]}
                """.formatted(taskArn(1)))));
        wireMock.stubFor(jsonCall(TABLES).withRequestBody(containing("\"Marker\":\"next\"")).willReturn(json("""
                {"ReplicationTaskArn":"%s","TableStatistics":[
                  {"SchemaName":"billing","TableName":"ledger","TableState":"Table error","ValidationSuspendedRecords":5},
                  {"SchemaName":"public","TableName":"customers","TableState":"Table completed","ValidationState":"Validated"}]}
                """.formatted(taskArn(1)))));

        // WHEN
        TableStatistics stats = probe().tableStatistics(taskArn(1));

        // THEN
        assertThat(stats.erroredTables()).containsExactly("public.invoices", "billing.ledger");
        assertThat(stats.tablesInErrorState()).isEqualTo(2);
        // Failed validation (rows that differ) and suspended validation (hot rows DMS retries) are not one thing
        assertThat(stats.validationFailedRecords()).isEqualTo(3);
        assertThat(stats.validationFailedTables()).containsExactly("public.orders");
        assertThat(stats.validationSuspendedRecords()).isEqualTo(6);
        assertThat(stats.tablesSeen()).isEqualTo(4);
        assertThat(jsonRequests(TABLES)).hasSize(2);
    }

    @Test
    void stop_returnsTheNewStatus() {
        wireMock.stubFor(jsonCall(STOP).willReturn(json(JSON.createObjectNode()
                .set("ReplicationTask", task(taskArn(1), INSTANCE_A, "stopping", 0)).toString())));

        assertThat(probe().stop(taskArn(1))).isEqualTo("stopping");
    }

    @Test
    void stop_isNotAnError_whenTheTaskIsAlreadyStopped() {
        // GIVEN DMS refuses to stop a stopped task
        wireMock.stubFor(jsonCall(STOP).willReturn(jsonError("InvalidResourceStateFault",
                "Replication task is not running")));
        wireMock.stubFor(jsonCall(TASKS).inScenario("x").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(tasksPage(List.of(task(taskArn(1), INSTANCE_A, "stopped", 0)), null))));

        // WHEN / THEN
        assertThat(probe().stop(taskArn(1))).isEqualTo("stopped");
    }

    @Test
    void startCdc_sendsStartReplication_fromTheGivenLsn_andReturnsTheNewStatus() throws Exception {
        // GIVEN DMS starts the stopped reverse task
        wireMock.stubFor(jsonCall(START).willReturn(json(JSON.createObjectNode()
                .set("ReplicationTask", task(REVERSE, INSTANCE_A, "starting", 0)).toString())));

        // WHEN the reverse task is started from the switch position
        String status = probe().startCdc(REVERSE, "0/3A1B2C8");

        // THEN the request is start-replication with that native CDC start point, and the answer is DMS's status
        assertThat(status).isEqualTo("starting");
        JsonNode sent = JSON.readTree(jsonRequests(START).get(0).getBodyAsString());
        assertThat(sent.path("ReplicationTaskArn").asText()).isEqualTo(REVERSE);
        assertThat(sent.path("StartReplicationTaskType").asText()).isEqualTo("start-replication");
        assertThat(sent.path("CdcStartPosition").asText()).isEqualTo("0/3A1B2C8");
        assertThat(sent.has("CdcStartTime")).as("CdcStartPosition and CdcStartTime exclude each other").isFalse();
    }

    @Test
    void startCdc_isNotAnError_whenAnEarlierCallAlreadyStartedTheTask() {
        // GIVEN DMS refuses the start because the task is already running (a retried workflow step)
        wireMock.stubFor(jsonCall(START).willReturn(jsonError("InvalidResourceStateFault",
                "Replication task is currently in running state and cannot be started")));
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(task(REVERSE, INSTANCE_A, "running", 0)),
                null))));

        // WHEN / THEN the task's status is the answer
        assertThat(probe().startCdc(REVERSE, "0/3A1B2C8")).isEqualTo("running");
    }

    @Test
    void startCdc_fails_namingTheStatus_whenTheTaskIsNotStopped() {
        // GIVEN the reverse task is still stopping, so DMS refuses to start it
        wireMock.stubFor(jsonCall(START).willReturn(jsonError("InvalidResourceStateFault",
                "Replication task is currently in stopping state and cannot be started")));
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(task(REVERSE, INSTANCE_A, "stopping", 0)),
                null))));

        // WHEN / THEN the refusal names the status and DMS's message
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe().startCdc(REVERSE, "0/3A1B2C8"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("status stopping")
                .hasMessageContaining("cannot be started");
    }

    @Test
    void startCdc_failsAsMissing_whenDmsDoesNotKnowTheTask() {
        wireMock.stubFor(jsonCall(START).willReturn(jsonError("ResourceNotFoundFault", "Replication Task not found")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe().startCdc(REVERSE, "0/3A1B2C8"))
                .isInstanceOf(io.cutover.core.port.cloud.AwsResourceMissingException.class)
                .hasMessageContaining(REVERSE);
    }

    @Test
    void resume_sendsResumeProcessing_withoutAStartPosition() throws Exception {
        wireMock.stubFor(jsonCall(START).willReturn(json(JSON.createObjectNode()
                .set("ReplicationTask", task(taskArn(1), INSTANCE_A, "starting", 0)).toString())));

        assertThat(probe().resume(taskArn(1))).isEqualTo("starting");

        JsonNode sent = JSON.readTree(jsonRequests(START).get(0).getBodyAsString());
        assertThat(sent.path("StartReplicationTaskType").asText()).isEqualTo("resume-processing");
        assertThat(sent.has("CdcStartPosition")).isFalse();
    }

    @Test
    void stop_ofTheReverseTask_failsNamingTheStatus_whenDmsRefusesARunningTask() {
        // GIVEN DMS refuses the stop and the task is still running (not one of the states a stop may find)
        wireMock.stubFor(jsonCall(STOP).willReturn(jsonError("InvalidResourceStateFault",
                "Replication task is modifying")));
        wireMock.stubFor(jsonCall(TASKS).willReturn(json(tasksPage(List.of(task(REVERSE, INSTANCE_A, "modifying", 0)),
                null))));

        // WHEN / THEN
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe().stop(REVERSE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("status modifying");
    }

    @Test
    void status_isMissing_whenTheFilterMatchesNoTask() {
        // DMS answers a filter that matches nothing with ResourceNotFoundFault
        wireMock.stubFor(jsonCall(TASKS).willReturn(jsonError("ResourceNotFoundFault",
                "No Tasks found matching provided filters")));

        assertThat(probe().status(REVERSE)).isEqualTo(DmsPoll.MISSING);
    }

    // --- DMS (JSON 1.1) and CloudWatch (Query/XML) shapes ---

    private static ObjectNode task(String arn, String instanceArn, String status, int tablesErrored) {
        ObjectNode task = JSON.createObjectNode()
                .put("ReplicationTaskIdentifier", "orders-" + arn.substring(arn.length() - 3).toLowerCase())
                .put("ReplicationTaskArn", arn)
                .put("ReplicationInstanceArn", instanceArn)
                .put("MigrationType", "full-load-and-cdc")
                .put("Status", status);
        task.putObject("ReplicationTaskStats").put("FullLoadProgressPercent", 100).put("TablesLoaded", 12)
                .put("TablesLoading", 0).put("TablesQueued", 0).put("TablesErrored", tablesErrored);
        return task;
    }

    private static String tasksPage(List<ObjectNode> tasks, String marker) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("ReplicationTasks");
        tasks.forEach(list::add);
        if (marker != null) {
            page.put("Marker", marker);
        }
        return page.toString();
    }

    private static String instances() {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("ReplicationInstances");
        list.addObject().put("ReplicationInstanceIdentifier", "orders-dms-a").put("ReplicationInstanceArn", INSTANCE_A)
                .put("ReplicationInstanceStatus", "available");
        list.addObject().put("ReplicationInstanceIdentifier", "orders-dms-b").put("ReplicationInstanceArn", INSTANCE_B)
                .put("ReplicationInstanceStatus", "available");
        return page.toString();
    }

    private static String metricData(List<String> results, String nextToken) {
        return """
                <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                  <GetMetricDataResult>
                    <MetricDataResults>%s</MetricDataResults>
                    <Messages/>%s
                  </GetMetricDataResult>
                  <ResponseMetadata><RequestId>4f6b2e2a-5c1d-4b4e-9d61-000000000000</RequestId></ResponseMetadata>
                </GetMetricDataResponse>""".formatted(String.join("", results),
                nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>");
    }

    /** The GetMetricData form split per query: {@code MetricDataQueries.member.N.<rest>} becomes one map per N. */
    private static List<Map<String, String>> metricQueries(String body) {
        Map<Integer, Map<String, String>> byIndex = new java.util.TreeMap<>();
        FormBody.parse(body).forEach((key, value) -> {
            String prefix = "MetricDataQueries.member.";
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                byIndex.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), i -> new java.util.HashMap<>())
                        .put(rest.substring(dot + 1), value);
            }
        });
        return List.copyOf(byIndex.values());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
