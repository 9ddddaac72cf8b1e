package io.cutover.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.config.DmsTaskArn;
import io.cutover.core.json.Json;
import io.cutover.core.json.JsonFields;
import io.cutover.core.json.JsonFields.Obj;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates the EventBridge events our rules route to the readiness and rollback functions. The fields we act on
 * are checked strictly: missing, of the wrong type, or a source or detail-type we do not handle is refused with
 * the field named and what is allowed. AWS shapes these events and adds fields to them over time, in the envelope
 * and in {@code detail} alike, so a field we do not know is accepted and listed in
 * {@link CutoverEvent#unknownFields()} (the handlers log it) instead of refusing an alarm that must roll back.
 *
 * <p>What AWS documents:
 * <ul>
 *   <li>"Amazon EventBridge events" / "Event structure reference"
 *       (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html): the envelope fields,
 *       and {@code detail}, "A JSON object that contains information about the event. The service that generates
 *       the event determines the content of this field."</li>
 *   <li>"Alarm events and EventBridge" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html):
 *       "When an alarm has tag propagation enabled, the event detail also includes an alarmTags object (a set of
 *       key-value pairs ...) and an alarmTagsStatus field".</li>
 *   <li>"Alarm tags in action payloads" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-tags-in-notifications.html):
 *       the tags also reach "the alarm state change events that CloudWatch sends to EventBridge", with
 *       {@code alarmTagsStatus} such as {@code SUCCESS}.</li>
 * </ul>
 */
public final class EventParser {
    public static final String SCHEDULED = "Scheduled Event";
    public static final String DMS_STATE_CHANGE = "DMS Replication Task State Change";
    public static final String ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";
    private static final Pattern ANY_TEXT = Pattern.compile("(?s).+");
    private static final Pattern EVENT_TYPE = Pattern.compile("REPLICATION_TASK_[A-Z_]+");
    private static final Pattern ALARM_STATE = Pattern.compile("OK|ALARM|INSUFFICIENT_DATA");
    private static final String[] ENVELOPE = {"version", "id", "detail-type", "source", "account", "time", "region",
            "resources", "detail", "replay-name"};

    private EventParser() {
    }

    public static CutoverEvent parse(String body, List<String> acceptedDetailTypes) {
        JsonNode tree = Json.parseTree(body, "event");
        JsonFields f = JsonFields.tolerant();
        Obj root = f.root(tree, ENVELOPE);
        if (root == null) {
            f.throwIfAny("event");
        }
        String detailType = root.text("detail-type", ANY_TEXT, JsonFields.oneOf(acceptedDetailTypes));
        if (detailType != null && !acceptedDetailTypes.contains(detailType)) {
            f.report("detail-type", root.raw("detail-type"), JsonFields.oneOf(acceptedDetailTypes));
        }
        Instant time = time(f, root);
        f.throwIfAny("event");
        CutoverEvent event = switch (detailType) {
            case SCHEDULED -> {
                requireSource(f, root, "aws.events", "aws.scheduler");
                yield new CutoverEvent.ScheduledTick(time, f.unknownFields());
            }
            case DMS_STATE_CHANGE -> dms(f, root, time);
            case ALARM_STATE_CHANGE -> alarm(f, root, time);
            default -> throw new IllegalStateException("unreachable: " + detailType);
        };
        f.throwIfAny("event");
        return event;
    }

    private static CutoverEvent dms(JsonFields f, Obj root, Instant time) {
        requireSource(f, root, "aws.dms");
        List<String> resources = root.textList("resources", true, 1, 1, DmsTaskArn.PATTERN, DmsTaskArn.TEXT);
        Obj detail = root.object("detail", "type", "category", "eventType", "eventId", "resourceLink",
                "detailMessage");
        if (detail == null) {
            return null;
        }
        String eventType = detail.text("eventType", EVENT_TYPE, "a DMS event type such as REPLICATION_TASK_FAILED");
        String message = detail.optionalText("detailMessage", null, "a string", "");
        return resources == null || resources.isEmpty() || eventType == null ? null
                : new CutoverEvent.DmsTaskStateChange(time, resources.get(0), eventType, message,
                        f.unknownFields());
    }

    private static CutoverEvent alarm(JsonFields f, Obj root, Instant time) {
        requireSource(f, root, "aws.cloudwatch");
        Obj detail = root.object("detail", "alarmName", "state", "previousState", "configuration", "operation");
        if (detail == null) {
            return null;
        }
        String name = detail.text("alarmName", ANY_TEXT, "the alarm name");
        Obj state = detail.object("state", "value", "reason", "reasonData", "timestamp", "actionsSuppressedBy",
                "actionsSuppressedReason", "evaluationState");
        String value = state == null ? null : state.text("value", ALARM_STATE, "one of \"OK\", \"ALARM\", "
                + "\"INSUFFICIENT_DATA\"");
        Obj previous = detail.optionalObject("previousState", "value", "reason", "reasonData", "timestamp",
                "actionsSuppressedBy", "actionsSuppressedReason", "evaluationState");
        String previousValue = previous == null ? null : previous.optionalText("value", ALARM_STATE,
                "one of \"OK\", \"ALARM\", \"INSUFFICIENT_DATA\"", null);
        return name == null || value == null ? null
                : new CutoverEvent.AlarmStateChange(time, name, value, previousValue, f.unknownFields());
    }

    private static void requireSource(JsonFields f, Obj root, String... sources) {
        String source = root.text("source", ANY_TEXT, JsonFields.oneOf(List.of(sources)));
        if (source != null && !List.of(sources).contains(source)) {
            f.report("source", root.raw("source"), JsonFields.oneOf(List.of(sources)));
        }
    }

    private static Instant time(JsonFields f, Obj root) {
        String text = root.text("time", ANY_TEXT, "an ISO-8601 timestamp");
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            f.report("time", root.raw("time"), "an ISO-8601 timestamp such as 2026-11-21T09:30:00Z");
            return null;
        }
    }
}
