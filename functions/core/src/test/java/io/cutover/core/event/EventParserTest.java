package io.cutover.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.fixtures.RepoRoot;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.json.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The events our rules deliver, as AWS shapes them (the repository's {@code events/}), including the fields AWS
 * adds over time: those are accepted and listed, while a field we act on that is missing or of the wrong type is
 * still refused with its name and what is allowed.
 */
class EventParserTest {
    private static final List<String> ALL = List.of(EventParser.SCHEDULED, EventParser.DMS_STATE_CHANGE,
            EventParser.ALARM_STATE_CHANGE);

    private static String event(String relative) {
        try {
            return Files.readString(RepoRoot.resolve("events/" + relative));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The repository event with one change, made on its tree. */
    private static String edited(String relative, Consumer<ObjectNode> edit) {
        ObjectNode tree = (ObjectNode) Json.parseTree(event(relative), relative);
        edit.accept(tree);
        return Json.write(tree);
    }

    private static ObjectNode detail(ObjectNode tree) {
        return (ObjectNode) tree.get("detail");
    }

    private static List<Problem> problems(String body) {
        try {
            EventParser.parse(body, ALL);
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void alarmWithTagPropagation_isAccepted_andItsTagFieldsAreListedAsUnknown() {
        // GIVEN a watched alarm going to ALARM, its tags propagated (detail.alarmTags, detail.alarmTagsStatus)
        String body = event("aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json");

        // WHEN it is parsed
        CutoverEvent parsed = EventParser.parse(body, ALL);

        // THEN it is the alarm change it always was, and the fields this version does not read are named
        assertThat(parsed).isInstanceOfSatisfying(CutoverEvent.AlarmStateChange.class, alarm -> {
            assertThat(alarm.alarmName()).isEqualTo("orders-aurora-cpu-high");
            assertThat(alarm.isAlarm()).isTrue();
            assertThat(alarm.previousState()).isEqualTo("OK");
        });
        assertThat(parsed.unknownFields()).containsExactly("detail.alarmTags", "detail.alarmTagsStatus");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scheduled.json", "dms-task-failed.json", "alarm-orders-aurora-cpu-high-alarm.json"})
    void everyKind_acceptsAnEnvelopeFieldAwsAddsLater(String file) {
        String body = edited(file, tree -> tree.put("event-bus-name", "default"));

        CutoverEvent parsed = EventParser.parse(body, ALL);

        assertThat(parsed.unknownFields()).containsExactly("event-bus-name");
    }

    @Test
    void dmsChange_acceptsADetailFieldAwsAddsLater() {
        String body = edited("dms-task-failed.json", tree -> detail(tree).put("taskIdentifier", "orders-task-one"));

        CutoverEvent parsed = EventParser.parse(body, ALL);

        assertThat(parsed).isInstanceOf(CutoverEvent.DmsTaskStateChange.class);
        assertThat(parsed.unknownFields()).containsExactly("detail.taskIdentifier");
    }

    @Test
    void alarmChange_acceptsFieldsAwsAddsInsideStateAndPreviousState() {
        String body = edited("alarm-orders-aurora-cpu-high-alarm.json", tree -> {
            ((ObjectNode) detail(tree).get("state")).put("evaluationDetail", "new");
            ((ObjectNode) detail(tree).get("previousState")).putObject("contributor").put("id", "c1");
        });

        CutoverEvent parsed = EventParser.parse(body, ALL);

        assertThat(parsed.unknownFields()).containsExactly("detail.state.evaluationDetail",
                "detail.previousState.contributor");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scheduled.json", "dms-task-started.json", "alarm-orders-aurora-cpu-high-ok.json"})
    void eventsAsAwsSentThemUntilNow_haveNoUnknownField(String file) {
        assertThat(EventParser.parse(event(file), ALL).unknownFields()).isEmpty();
    }

    @Test
    void alarmStateOfTheWrongType_isRefused_namingTheFieldAndTheValuesAllowed() {
        String body = edited("aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json",
                tree -> ((ObjectNode) detail(tree).get("state")).put("value", 1));

        assertThat(problems(body)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("detail.state.value");
            assertThat(p.expected()).contains("\"OK\"", "\"ALARM\"", "\"INSUFFICIENT_DATA\"");
        });
    }

    @Test
    void alarmWithoutItsName_isRefused_evenWithFieldsAwsAdded() {
        String body = edited("aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json",
                tree -> detail(tree).remove("alarmName"));

        assertThat(problems(body)).extracting(Problem::field, Problem::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("detail.alarmName", null));
    }

    @Test
    void dmsChangeWithAnEventTypeThatIsNotText_isRefused() {
        String body = edited("dms-task-failed.json", tree -> detail(tree).putArray("eventType"));

        assertThat(problems(body)).extracting(Problem::field).containsExactly("detail.eventType");
    }

    @Test
    void wrongSource_isRefused_namingTheSourcesAllowed() {
        String body = edited("aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json",
                tree -> tree.put("source", "aws.rds"));

        assertThat(problems(body)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("source");
            assertThat(p.expected()).isEqualTo("one of \"aws.cloudwatch\"");
        });
    }

    @Test
    void detailTypeARuleDoesNotRouteHere_isRefused_namingTheTypesAllowed() {
        assertThatThrownBy(() -> EventParser.parse(event("aws-additions/alarm-orders-aurora-cpu-high-alarm-with-tags.json"),
                List.of(EventParser.SCHEDULED, EventParser.DMS_STATE_CHANGE)))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("detail-type");
                            assertThat(p.expected()).contains(EventParser.SCHEDULED, EventParser.DMS_STATE_CHANGE);
                        }));
    }

    @Test
    void detailThatIsNotAnObject_isRefused() {
        String body = edited("dms-task-failed.json", tree -> tree.put("detail", "REPLICATION_TASK_FAILED"));

        assertThat(problems(body)).extracting(Problem::field).containsExactly("detail");
    }
}
