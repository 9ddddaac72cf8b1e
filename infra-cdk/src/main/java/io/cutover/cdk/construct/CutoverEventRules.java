package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * What wakes the functions up, each rule limited to this migration's own resources: DMS state changes
 * of our tasks and a schedule poll readiness; our alarms going into ALARM roll back; failed, timed-out
 * or aborted executions of our state machine, and failed DMS tasks, notify.
 * Patterns hold concrete ARNs (names are fixed), so they can be checked against sample events as they are.
 */
public final class CutoverEventRules extends Construct {
    public static final String DMS_TASK_STATE = "dms-task-state";
    public static final String DMS_TASK_FAILED = "dms-task-failed";
    public static final String READINESS_SCHEDULE = "readiness-schedule";
    public static final String ALARM_STATE = "alarm-state";
    public static final String EXECUTION_FAILED = "execution-failed";

    public static final List<String> FAILED_EXECUTION_STATUSES = List.of("FAILED", "TIMED_OUT", "ABORTED");

    public record Props(CutoverNames names, List<String> dmsTaskArns, List<String> watchedAlarmArns,
                        boolean scheduleEnabled, int readinessPollMinutes, IFunction readinessPoll,
                        IFunction alarmRollback, ITopic notifications) {
        public Props {
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(readinessPoll, "readinessPoll");
            Objects.requireNonNull(alarmRollback, "alarmRollback");
            Objects.requireNonNull(notifications, "notifications");
            dmsTaskArns = List.copyOf(dmsTaskArns);
            watchedAlarmArns = List.copyOf(watchedAlarmArns);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private List<String> dmsTaskArns = List.of();
            private List<String> watchedAlarmArns = List.of();
            private boolean scheduleEnabled = true;
            private int readinessPollMinutes = 1;
            private IFunction readinessPoll;
            private IFunction alarmRollback;
            private ITopic notifications;

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder dmsTaskArns(List<String> arns) {
                this.dmsTaskArns = arns;
                return this;
            }

            public Builder watchedAlarmArns(List<String> arns) {
                this.watchedAlarmArns = arns;
                return this;
            }

            public Builder schedule(boolean enabled, int minutes) {
                this.scheduleEnabled = enabled;
                this.readinessPollMinutes = minutes;
                return this;
            }

            public Builder readinessPoll(IFunction function) {
                this.readinessPoll = function;
                return this;
            }

            public Builder alarmRollback(IFunction function) {
                this.alarmRollback = function;
                return this;
            }

            public Builder notifications(ITopic topic) {
                this.notifications = topic;
                return this;
            }

            public Props build() {
                return new Props(names, dmsTaskArns, watchedAlarmArns, scheduleEnabled, readinessPollMinutes,
                        readinessPoll, alarmRollback, notifications);
            }
        }
    }

    private Rule dmsTaskFailed;

    public CutoverEventRules(Construct scope, String id, Props props) {
        super(scope, id);
        CutoverNames names = props.names();
        LambdaFunction readiness = new LambdaFunction(props.readinessPoll());
        // Targeted by its (fixed) ARN: given the topic itself, SnsTopic would add unconditioned allows for
        // events.amazonaws.com to the topic and key policies; CutoverNotifications grants EventBridge exactly what
        // publishing to the encrypted topic needs, scoped to this migration's rules.
        SnsTopic notify = new SnsTopic(Topic.fromTopicArn(this, "NotificationsByArn", names.notificationTopicArn()));
        // The ARN is a plain string, so say what it refers to: the topic and its policy exist before any rule.
        getNode().addDependency(props.notifications());

        if (!props.dmsTaskArns().isEmpty()) {
            rule("DmsTaskStateChange", names.ruleName(DMS_TASK_STATE),
                    "State changes of this migration's DMS tasks: re-evaluate readiness now",
                    dmsPattern(props.dmsTaskArns(), null)).addTarget(readiness);
            this.dmsTaskFailed = rule("DmsTaskFailed", names.ruleName(DMS_TASK_FAILED),
                    "A DMS task of this migration failed: tell people (the alarm on this rule's matches can roll back)",
                    dmsPattern(props.dmsTaskArns(), Map.of("eventType", List.of("REPLICATION_TASK_FAILED"))));
            dmsTaskFailed.addTarget(notify);
        }
        if (props.scheduleEnabled()) {
            Rule.Builder.create(this, "ReadinessSchedule")
                    .ruleName(names.ruleName(READINESS_SCHEDULE))
                    .description("Polls readiness; DMS events are best effort, so they are never relied on alone")
                    .schedule(Schedule.rate(Duration.minutes(props.readinessPollMinutes())))
                    .build()
                    .addTarget(readiness);
        }
        if (!props.watchedAlarmArns().isEmpty()) {
            rule("AlarmStateChange", names.ruleName(ALARM_STATE),
                    "A watched alarm of this migration went into ALARM: roll back",
                    EventPattern.builder()
                            .source(List.of("aws.cloudwatch"))
                            .detailType(List.of("CloudWatch Alarm State Change"))
                            .resources(props.watchedAlarmArns())
                            .detail(Map.of("state", Map.of("value", List.of("ALARM"))))
                            .build())
                    .addTarget(new LambdaFunction(props.alarmRollback()));
        }
        rule("ExecutionFailed", names.ruleName(EXECUTION_FAILED),
                "An execution of this migration's state machine failed, timed out or was aborted",
                EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of(
                                "status", FAILED_EXECUTION_STATUSES,
                                "stateMachineArn", List.of(names.stateMachineArn())))
                        .build())
                .addTarget(notify);
    }

    private static EventPattern dmsPattern(List<String> taskArns, Map<String, Object> detail) {
        EventPattern.Builder pattern = EventPattern.builder()
                .source(List.of("aws.dms"))
                .detailType(List.of("DMS Replication Task State Change"))
                .resources(taskArns);
        if (detail != null) {
            pattern.detail(detail);
        }
        return pattern.build();
    }

    private Rule rule(String id, String name, String description, EventPattern pattern) {
        return Rule.Builder.create(this, id).ruleName(name).description(description).eventPattern(pattern).build();
    }

    /** The rule whose matches the DMS-task-failure alarm counts; null without DMS. */
    public Rule dmsTaskFailedRule() {
        return dmsTaskFailed;
    }
}
