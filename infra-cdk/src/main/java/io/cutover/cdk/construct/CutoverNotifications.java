package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The topic people are told through: workflow notifications, failed executions, alarms. Encrypted with
 * its own key, which EventBridge and CloudWatch may use to publish; publishing requires TLS.
 */
public final class CutoverNotifications extends Construct {

    public record Props(CutoverNames names, List<String> emails) {
        public Props {
            Objects.requireNonNull(names, "names");
            emails = List.copyOf(emails);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private CutoverNames names;
            private List<String> emails = List.of();

            public Builder names(CutoverNames names) {
                this.names = names;
                return this;
            }

            public Builder emails(List<String> emails) {
                this.emails = emails;
                return this;
            }

            public Props build() {
                return new Props(names, emails);
            }
        }
    }

    private final Key key;
    private final Topic topic;

    public CutoverNotifications(Construct scope, String id, Props props) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .description("Encrypts the notifications of " + props.names().prefix())
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // EventBridge rules and CloudWatch alarms publish to the topic; with SSE they need the key too (SNS Developer
        // Guide, "Enable compatibility between event sources from AWS services and encrypted topics",
        // sns-key-management.html#compatibility-with-aws-services). CloudWatch's use is scoped to this account's
        // alarms in this region (confused deputy); EventBridge's cannot be: KMS requests made for EventBridge
        // deliveries carry no aws:SourceAccount / aws:SourceArn, so such a condition would drop every notification.
        Stack stack = Stack.of(this);
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowEventBridgeToPublishEncrypted")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowThisAccountsAlarmsToPublishEncrypted")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(alarmsOfThisAccount(stack))
                .build());
        this.topic = Topic.Builder.create(this, "Topic")
                .topicName(props.names().notificationTopicName())
                .displayName("Cutover " + props.names().migrationId())
                .masterKey(key)
                .enforceSsl(true)
                .build();
        // A topic policy replaces SNS's default one, so CloudWatch alarms need an allow of their own to publish (AWS
        // SNS Developer Guide, "Example cases for Amazon SNS access control"; and "Enable compatibility between event
        // sources from AWS services and encrypted topics", sns-key-management.html#compatibility-with-aws-services).
        // Scoped to this account's alarms in this region (confused deputy).
        topic.addToResourcePolicy(publishFrom("AllowThisAccountsAlarmsToPublish", "cloudwatch.amazonaws.com",
                topic, alarmsOfThisAccount(stack)));
        // EventBridge likewise, scoped to this migration's rules: here the request does carry aws:SourceAccount and
        // aws:SourceArn (SNS Developer Guide, "Amazon SNS access control" examples for EventBridge). CutoverEventRules
        // targets the topic by ARN so that CDK adds no unconditioned allow beside this one.
        topic.addToResourcePolicy(publishFrom("AllowThisMigrationsRulesToPublish", "events.amazonaws.com", topic,
                fromThisAccount(stack, "events", "rule/" + props.names().ruleName("*"))));
        for (String email : props.emails()) {
            topic.addSubscription(new EmailSubscription(email));
        }
    }

    /** Requests CloudWatch makes for an alarm of this account in this region. */
    private static Map<String, Object> alarmsOfThisAccount(Stack stack) {
        return fromThisAccount(stack, "cloudwatch", "alarm:*");
    }

    /** Requests a service makes for one of its resources of this account in this region (confused deputy). */
    private static Map<String, Object> fromThisAccount(Stack stack, String service, String resource) {
        return Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":" + service + ":"
                        + stack.getRegion() + ":" + stack.getAccount() + ":" + resource));
    }

    private static PolicyStatement publishFrom(String sid, String service, Topic topic,
                                               Map<String, Object> conditions) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal(service)))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(conditions)
                .build();
    }

    public Topic topic() {
        return topic;
    }

    public Key key() {
        return key;
    }
}
