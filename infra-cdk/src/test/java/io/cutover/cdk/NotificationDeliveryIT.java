package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every publisher of the encrypted notification topic can deliver to the email subscription: SNS only
 * accepts a message from an AWS service when the topic policy lets that service publish and the key policy lets it
 * use the key (kms:GenerateDataKey* and kms:Decrypt; SNS Developer Guide, "Enable compatibility between event sources
 * from AWS services and encrypted topics"). Missing either, the notification is dropped without an error anywhere.
 */
class NotificationDeliveryIT {
    private static final String ACCOUNT = "123456789012";

    private final TemplateJson control = TemplateJson.of(Synthesized.example().control());

    @Test
    void cloudWatchAlarms_mayUseTheKey_onlyForThisAccountsAlarms() {
        JsonNode statement = keyStatementFor("cloudwatch.amazonaws.com");

        assertThat(TemplateJson.texts(statement.path("Action")))
                .containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey*");
        assertThat(statement.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
                .isEqualTo(ACCOUNT);
        assertThat(statement.path("Condition").path("ArnLike").path("aws:SourceArn").toString())
                .contains(":cloudwatch:eu-west-1:" + ACCOUNT + ":alarm:*");
    }

    @Test
    void eventBridge_mayUseTheKey_withoutSourceConditionsItsKmsRequestsDoNotCarry() {
        JsonNode statement = keyStatementFor("events.amazonaws.com");

        assertThat(TemplateJson.texts(statement.path("Action")))
                .containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey*");
        assertThat(statement.path("Condition").isMissingNode()).isTrue();
    }

    @Test
    void topicPolicy_letsAlarmsAndThisMigrationsRulesPublish_withSourceConditions() {
        JsonNode alarms = topicStatementFor("cloudwatch.amazonaws.com");
        JsonNode rules = topicStatementFor("events.amazonaws.com");

        assertThat(alarms.path("Condition").path("ArnLike").path("aws:SourceArn").toString())
                .contains(":cloudwatch:eu-west-1:" + ACCOUNT + ":alarm:*");
        assertThat(rules.path("Condition").path("ArnLike").path("aws:SourceArn").toString())
                .contains(":events:eu-west-1:" + ACCOUNT + ":rule/cutover-orders-db-*");
        for (JsonNode statement : List.of(alarms, rules)) {
            assertThat(statement.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
                    .isEqualTo(ACCOUNT);
        }
    }

    @Test
    void workflow_mayPublish_andUseTheKey_onlyThroughSns() {
        String role = control.logicalId("AWS::IAM::Role", p -> p.toString().contains("states.amazonaws.com"));
        List<JsonNode> statements = control.statementsOfRole(role);

        JsonNode publish = bySid(statements, "PublishNotifications");
        JsonNode encrypt = bySid(statements, "EncryptNotifications");

        assertThat(TemplateJson.texts(publish.path("Action"))).containsExactly("sns:Publish");
        assertThat(TemplateJson.texts(encrypt.path("Action")))
                .containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(encrypt.path("Condition").path("StringEquals").path("kms:ViaService").asText())
                .isEqualTo("sns.eu-west-1.amazonaws.com");
    }

    @Test
    void emailSubscription_isOnTheTopicEveryPublisherReaches() {
        String topic = control.resources("AWS::SNS::Topic").keySet().iterator().next();
        JsonNode subscription = control.resources("AWS::SNS::Subscription").values().iterator().next();

        assertThat(subscription.path("Properties").path("TopicArn").path("Ref").asText()).isEqualTo(topic);
        assertThat(topicStatementFor("cloudwatch.amazonaws.com").path("Resource").path("Ref").asText())
                .isEqualTo(topic);
    }

    @Test
    void eventRules_areCreatedAfterTheTopicPolicy_thatLetsThemPublish() {
        String policy = control.resources("AWS::SNS::TopicPolicy").keySet().iterator().next();

        control.resources("AWS::Events::Rule").values().forEach(rule -> assertThat(
                TemplateJson.texts(rule.path("DependsOn"))).contains(policy));
    }

    private JsonNode keyStatementFor(String service) {
        String key = control.logicalId("AWS::KMS::Key",
                p -> p.path("Description").asText().startsWith("Encrypts the notifications"));
        return onlyStatementFor(control.properties(key).path("KeyPolicy").path("Statement"), service);
    }

    private JsonNode topicStatementFor(String service) {
        JsonNode policies = control.resources("AWS::SNS::TopicPolicy").values().iterator().next();
        return onlyStatementFor(policies.path("Properties").path("PolicyDocument").path("Statement"), service);
    }

    /** The one Allow statement for this service: a second, looser one would make the conditions pointless. */
    private static JsonNode onlyStatementFor(JsonNode statements, String service) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode s : statements) {
            if (s.path("Effect").asText().equals("Allow")
                    && TemplateJson.texts(s.path("Principal").path("Service")).contains(service)) {
                found.add(s);
            }
        }
        assertThat(found).as("allow statements for %s", service).hasSize(1);
        return found.get(0);
    }

    private static JsonNode bySid(List<JsonNode> statements, String sid) {
        return statements.stream().filter(s -> sid.equals(s.path("Sid").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + statements));
    }
}
