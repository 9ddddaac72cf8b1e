package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.cdk.config.DeploymentConfig;
import io.cutover.cdk.construct.CutoverEventRules;
import io.cutover.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.event.ruler.Machine;

/**
 * Every EventBridge pattern of the synthesized control stack, run by AWS's own matcher (Event Ruler)
 * against sample events: each event must match exactly the rules its file name says, no more.
 *
 * <p>Sample events are the repository's top-level {@code events/} folder (the handlers' tests use the same
 * files). Expectations are keyed by file name:
 * <pre>
 *   dms-task-foreign*.json            a task that is not ours              -> no rule
 *   dms-task-failed.json              our task failed                      -> dms-task-state, dms-task-failed
 *   dms-task-&lt;state&gt;.json            our task changed state (started...)  -> dms-task-state
 *   alarm-foreign-*.json              an alarm that is not watched         -> no rule
 *   alarm-&lt;name&gt;-alarm.json          watched alarm &lt;name&gt; went to ALARM   -> alarm-state
 *   alarm-&lt;name&gt;-ok.json             watched alarm &lt;name&gt; went back to OK -> no rule
 *   sfn-execution-foreign*.json       another state machine's execution    -> no rule
 *   sfn-execution-&lt;status&gt;.json      our execution, status in file name   -> execution-failed for failed,
 *                                                                           timed-out, aborted; else none
 *   scheduled.json                    the readiness schedule's own event   -> no pattern rule
 *   other-*.json                      other detail types of the same sources -> no rule
 * </pre>
 * "Ours" means the example deployment: DMS tasks {@code ORDERSTASKONE}/{@code ORDERSTASKTWO}, alarms of
 * {@code config/example.json}, state machine {@code cutover-orders-db}, all in 123456789012/eu-west-1.
 * A file whose name fits none of these fails the test: every sample must say what it expects.
 */
class EventRulesIT {
    private static final Pattern DMS_STATE = Pattern.compile("dms-task-([a-z-]+)\\.json");
    private static final Pattern ALARM = Pattern.compile("alarm-(.+)-(alarm|ok)\\.json");
    private static final Pattern SFN = Pattern.compile("sfn-execution-([a-z-]+)\\.json");

    private final Synthesized synth = Synthesized.example();
    private final TemplateJson control = TemplateJson.of(synth.control());

    /** Rule purpose (name without the {@code cutover-orders-db-} prefix) to its pattern as synthesized. */
    private Map<String, String> patterns() {
        Map<String, String> patterns = new LinkedHashMap<>();
        control.resources("AWS::Events::Rule").values().forEach(rule -> {
            JsonNode p = rule.path("Properties");
            if (p.has("EventPattern")) {
                patterns.put(p.path("Name").asText().substring("cutover-orders-db-".length()),
                        Json.write(p.path("EventPattern")));
            }
        });
        return patterns;
    }

    private Machine machine() {
        Machine machine = new Machine();
        patterns().forEach((purpose, pattern) -> {
            try {
                machine.addRule(purpose, pattern);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return machine;
    }

    @Test
    void patterns_areConcreteJson_withoutCloudFormationIntrinsics() {
        Map<String, String> patterns = patterns();

        assertThat(patterns.keySet()).containsExactlyInAnyOrder(CutoverEventRules.DMS_TASK_STATE,
                CutoverEventRules.DMS_TASK_FAILED, CutoverEventRules.ALARM_STATE, CutoverEventRules.EXECUTION_FAILED);
        assertThat(patterns.values()).noneMatch(p -> p.contains("Fn::") || p.contains("\"Ref\""));
    }

    @TestFactory
    Stream<DynamicTest> sampleEvents_matchExactlyTheRulesTheirNameExpects() {
        Machine machine = machine();
        return sampleEvents().stream().map(sample -> DynamicTest.dynamicTest(sample.source() + "/" + sample.name(), () -> {
            Set<String> expected = expectedRules(sample.name());
            if (expected == null) {
                throw new AssertionError("no expectation for " + sample.name()
                        + ": name it after the convention in EventRulesIT");
            }
            String event = Files.readString(sample.path());
            checkIsOurs(sample.name(), Json.parseTree(event, sample.name()));

            Set<String> matched = new TreeSet<>(machine.rulesForJSONEvent(event));

            assertThat(matched).as(sample.name()).isEqualTo(expected);
        }));
    }

    @Test
    void everyPatternRule_isMatchedBySomeSampleEvent() throws Exception {
        Machine machine = machine();
        Set<String> matched = new TreeSet<>();
        for (SampleEvent sample : sampleEvents()) {
            matched.addAll(machine.rulesForJSONEvent(Files.readString(sample.path())));
        }

        assertThat(matched).isEqualTo(patterns().keySet().stream().collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void scheduleRule_hasNoPattern_andPollsAtTheConfiguredRate() {
        JsonNode schedule = control.properties(control.logicalId("AWS::Events::Rule",
                p -> p.path("Name").asText().endsWith(CutoverEventRules.READINESS_SCHEDULE)));

        assertThat(schedule.has("EventPattern")).isFalse();
        assertThat(schedule.path("ScheduleExpression").asText()).isEqualTo("rate(1 minute)");
    }

    @Test
    void expectations_followTheFileNameConvention() {
        assertThat(expectedRules("dms-task-started.json")).containsExactly("dms-task-state");
        assertThat(expectedRules("dms-task-failed.json")).containsExactly("dms-task-failed", "dms-task-state");
        assertThat(expectedRules("dms-task-foreign.json")).isEmpty();
        assertThat(expectedRules("alarm-orders-aurora-cpu-high-alarm.json")).containsExactly("alarm-state");
        assertThat(expectedRules("alarm-orders-aurora-cpu-high-ok.json")).isEmpty();
        assertThat(expectedRules("alarm-foreign-alarm.json")).isEmpty();
        assertThat(expectedRules("sfn-execution-timed-out.json")).containsExactly("execution-failed");
        assertThat(expectedRules("sfn-execution-succeeded.json")).isEmpty();
        assertThat(expectedRules("scheduled.json")).isEmpty();
        assertThat(expectedRules("api-start-cutover.json")).isNull();
        assertThatThrownBy(() -> checkIsOurs("dms-task-started.json", Json.parseTree(
                "{\"resources\":[\"arn:aws:dms:eu-west-1:123456789012:task:SOMEONEELSE\"],"
                        + "\"detail\":{\"eventType\":\"REPLICATION_TASK_STARTED\"}}", "event")))
                .isInstanceOf(AssertionError.class);
    }

    /** The rules a sample must match, from its file name; null when the name follows no convention. */
    static Set<String> expectedRules(String fileName) {
        Set<String> none = new TreeSet<>();
        if (fileName.startsWith("dms-task-foreign") || fileName.startsWith("alarm-foreign-")
                || fileName.startsWith("sfn-execution-foreign") || fileName.equals("scheduled.json")
                || fileName.startsWith("other-")) {
            return none;
        }
        if (fileName.equals("dms-task-failed.json")) {
            return new TreeSet<>(List.of(CutoverEventRules.DMS_TASK_STATE, CutoverEventRules.DMS_TASK_FAILED));
        }
        if (DMS_STATE.matcher(fileName).matches()) {
            return new TreeSet<>(List.of(CutoverEventRules.DMS_TASK_STATE));
        }
        Matcher alarm = ALARM.matcher(fileName);
        if (alarm.matches()) {
            return alarm.group(2).equals("alarm") ? new TreeSet<>(List.of(CutoverEventRules.ALARM_STATE)) : none;
        }
        Matcher sfn = SFN.matcher(fileName);
        if (sfn.matches()) {
            String status = sfn.group(1).toUpperCase().replace('-', '_');
            return CutoverEventRules.FAILED_EXECUTION_STATUSES.contains(status)
                    ? new TreeSet<>(List.of(CutoverEventRules.EXECUTION_FAILED)) : none;
        }
        return null;
    }

    /** A sample claiming to be about our resources must really be, or its expectation means nothing. */
    private static void checkIsOurs(String fileName, JsonNode event) {
        DeploymentConfig config = exampleConfig();
        Matcher dms = DMS_STATE.matcher(fileName);
        if (dms.matches() && !fileName.startsWith("dms-task-foreign")) {
            assertThat(TemplateJson.texts(event.path("resources"))).as("%s names one of our tasks", fileName)
                    .containsAnyElementsOf(config.dmsTaskArns());
            assertThat(event.path("detail").path("eventType").asText()).as(fileName)
                    .isEqualTo("REPLICATION_TASK_" + dms.group(1).toUpperCase().replace('-', '_'));
        }
        Matcher alarm = ALARM.matcher(fileName);
        if (alarm.matches() && !fileName.startsWith("alarm-foreign-")) {
            assertThat(config.cutover().alarms()).as("%s is about a watched alarm", fileName).contains(alarm.group(1));
            assertThat(event.path("detail").path("alarmName").asText()).isEqualTo(alarm.group(1));
            assertThat(event.path("detail").path("state").path("value").asText())
                    .isEqualTo(alarm.group(2).toUpperCase());
        }
        Matcher sfn = SFN.matcher(fileName);
        if (sfn.matches() && !fileName.startsWith("sfn-execution-foreign")) {
            assertThat(event.path("detail").path("stateMachineArn").asText()).as(fileName)
                    .isEqualTo(CutoverNames.of(config).stateMachineArn());
            assertThat(event.path("detail").path("status").asText())
                    .isEqualTo(sfn.group(1).toUpperCase().replace('-', '_'));
        }
    }

    private static DeploymentConfig exampleConfig() {
        return io.cutover.cdk.config.DeploymentConfigLoader.load(TestPaths.exampleDeployConfig(),
                new io.cutover.cdk.config.DeploymentConfigLoader.Overrides(TestPaths.functionsJar(),
                        TestPaths.stateMachine(), TestPaths.caBundle()));
    }

    record SampleEvent(String source, String name, Path path) {
    }

    static List<SampleEvent> sampleEvents() {
        List<SampleEvent> samples = new ArrayList<>();
        Path topLevel = TestPaths.repository().resolve("events");
        list(topLevel).forEach(p -> samples.add(new SampleEvent("events/", p.getFileName().toString(), p)));
        assertThat(samples).as("sample events").hasSizeGreaterThanOrEqualTo(15);
        return samples;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
