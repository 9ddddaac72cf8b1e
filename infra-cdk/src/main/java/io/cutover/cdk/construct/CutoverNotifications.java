package io.cutover.cdk.construct;

import io.cutover.cdk.CutoverNames;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
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
        // EventBridge rules and CloudWatch alarms publish to the topic; with SSE they need the key too.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowEventBridgeAndCloudWatchToPublishEncrypted")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com"),
                        new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .build());
        this.topic = Topic.Builder.create(this, "Topic")
                .topicName(props.names().prefix() + "-notifications")
                .displayName("Cutover " + props.names().migrationId())
                .masterKey(key)
                .enforceSsl(true)
                .build();
        for (String email : props.emails()) {
            topic.addSubscription(new EmailSubscription(email));
        }
    }

    public Topic topic() {
        return topic;
    }

    public Key key() {
        return key;
    }
}
