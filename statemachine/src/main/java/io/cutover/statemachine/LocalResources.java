package io.cutover.statemachine;

import java.util.Map;

/** The values a local run substitutes for the definition's {@code ${...}} placeholders, and the resources they yield. */
public final class LocalResources {
    /** Stands in for {@code ${WorkflowTasksFunctionArn}}: the Resource of every workflow Task state. */
    public static final String WORKFLOW_TASKS_FUNCTION_ARN =
            "arn:aws:lambda:us-east-1:123456789012:function:cutover-workflow-tasks";
    /** Stands in for {@code ${NotificationTopicArn}}: the {@code TopicArn} of every notification. */
    public static final String NOTIFICATION_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:cutover-notifications";
    /** The Resource of the notification Task states (the SNS integration, not substituted). */
    public static final String SNS_PUBLISH = "arn:aws:states:::sns:publish";

    private LocalResources() {
    }

    /** The substitutions the CDK app provides in the cloud, with local stand-ins. */
    public static Map<String, String> defaultSubstitutions() {
        return Map.of("WorkflowTasksFunctionArn", WORKFLOW_TASKS_FUNCTION_ARN,
                "NotificationTopicArn", NOTIFICATION_TOPIC_ARN);
    }
}
