package io.cutover.core.event;

import java.time.Instant;

/** An EventBridge event one of our rules delivers, validated. */
public sealed interface CutoverEvent {
    Instant time();

    /** The readiness schedule ticked. */
    record ScheduledTick(Instant time) implements CutoverEvent {
    }

    /** A DMS replication task changed state. */
    record DmsTaskStateChange(Instant time, String taskArn, String eventType, String detailMessage)
            implements CutoverEvent {
        /** Events after which the task is not replicating: readiness is lost at once, without waiting for a poll. */
        public boolean isFailure() {
            return eventType.equals("REPLICATION_TASK_FAILED") || eventType.equals("REPLICATION_TASK_STOPPED")
                    || eventType.equals("REPLICATION_TASK_DELETED");
        }
    }

    /** A CloudWatch alarm changed state. */
    record AlarmStateChange(Instant time, String alarmName, String state, String previousState)
            implements CutoverEvent {
        public boolean isAlarm() {
            return "ALARM".equals(state);
        }
    }
}
