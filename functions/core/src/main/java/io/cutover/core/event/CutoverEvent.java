package io.cutover.core.event;

import java.time.Instant;
import java.util.List;

/** An EventBridge event one of our rules delivers, validated. */
public sealed interface CutoverEvent {
    Instant time();

    /**
     * Paths of the fields the event carried that this version does not read (e.g. {@code detail.alarmTags}):
     * AWS adds fields to its events over time, so they are accepted, and the handlers log them.
     */
    List<String> unknownFields();

    /** The readiness schedule ticked. */
    record ScheduledTick(Instant time, List<String> unknownFields) implements CutoverEvent {
    }

    /** A DMS replication task changed state. */
    record DmsTaskStateChange(Instant time, String taskArn, String eventType, String detailMessage,
                              List<String> unknownFields) implements CutoverEvent {
        /** Events after which the task is not replicating: readiness is lost at once, without waiting for a poll. */
        public boolean isFailure() {
            return eventType.equals("REPLICATION_TASK_FAILED") || eventType.equals("REPLICATION_TASK_STOPPED")
                    || eventType.equals("REPLICATION_TASK_DELETED");
        }
    }

    /** A CloudWatch alarm changed state. */
    record AlarmStateChange(Instant time, String alarmName, String state, String previousState,
                            List<String> unknownFields) implements CutoverEvent {
        public boolean isAlarm() {
            return "ALARM".equals(state);
        }
    }
}
