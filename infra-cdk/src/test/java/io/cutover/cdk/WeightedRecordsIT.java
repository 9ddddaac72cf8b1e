package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.cdk.construct.WeightedRecords;
import io.cutover.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The weighted records are made once, by a create-only, retained custom resource, so no stack update or delete can
 * move traffic or remove them: the handlers own the weights and TTL from then on.
 */
class WeightedRecordsIT {
    static final Path CHANGED = ConfigVariant.ofExample()
            .cutover(c -> c.path("recordGroups").forEach(g -> ((ObjectNode) g).put("ttl", 300)))
            .writeTo(TestPaths.module().resolve("target/test-variants"), "records-ttl-changed");

    private final TemplateJson example = TemplateJson.of(Synthesized.example().control());
    private final TemplateJson changed = TemplateJson.of(Synthesized.of(CHANGED).control());

    @Test
    void eachGroup_isOnePairCreatedInOneBatch_withAllTrafficOnTheSource() {
        Map<String, JsonNode> pairs = example.resources(WeightedRecords.RESOURCE_TYPE);

        assertThat(pairs).hasSize(2);
        assertThat(example.resources("AWS::Route53::RecordSet")).isEmpty();
        List<String> created = new ArrayList<>();
        for (JsonNode pair : pairs.values()) {
            JsonNode call = sdkCall(pair.path("Properties").path("Create"));
            assertThat(call.path("service").asText()).isEqualTo("Route53");
            assertThat(call.path("action").asText()).isEqualTo("changeResourceRecordSets");
            assertThat(call.path("parameters").path("HostedZoneId").asText()).isEqualTo("Z0123456789ABCDEFGHIJ");
            JsonNode changes = call.path("parameters").path("ChangeBatch").path("Changes");
            assertThat(changes).hasSize(2);
            for (JsonNode change : changes) {
                // CREATE, never UPSERT: a record that already exists fails the create instead of being overwritten.
                assertThat(change.path("Action").asText()).isEqualTo("CREATE");
                JsonNode set = change.path("ResourceRecordSet");
                assertThat(set.path("Type").asText()).isEqualTo("CNAME");
                assertThat(set.path("TTL").asInt()).isEqualTo(30);
                created.add(set.path("Name").asText() + " " + set.path("SetIdentifier").asText() + "="
                        + set.path("Weight").asInt());
            }
        }
        assertThat(created).containsExactlyInAnyOrder("db.orders.internal.example.com source=100",
                "db.orders.internal.example.com aurora=0", "db-ro.orders.internal.example.com source=100",
                "db-ro.orders.internal.example.com aurora=0");
    }

    @Test
    void aStackUpdateOrDelete_makesNoRecordCall_andNeverReplacesThePair() {
        for (TemplateJson template : List.of(example, changed)) {
            for (JsonNode pair : template.resources(WeightedRecords.RESOURCE_TYPE).values()) {
                // No Update / Delete call: CloudFormation's update and delete of the resource reach Route 53 with
                // nothing; Retain keeps it (and the records) when the stack or the resource goes away.
                assertThat(pair.path("Properties").has("Update")).isFalse();
                assertThat(pair.path("Properties").has("Delete")).isFalse();
                assertThat(pair.path("DeletionPolicy").asText()).isEqualTo("Retain");
                assertThat(pair.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
            }
        }
        // A changed TTL changes only the create call of the same resources, whose fixed physical id keeps
        // CloudFormation from replacing them (a replacement would run the create again).
        assertThat(physicalIds(changed)).isEqualTo(physicalIds(example));
        assertThat(physicalIds(example).values()).allSatisfy(id -> assertThat(id).startsWith("cutover-records-"));
        JsonNode changedCall = sdkCall(changed.resources(WeightedRecords.RESOURCE_TYPE).values().iterator().next()
                .path("Properties").path("Create"));
        assertThat(changedCall.path("parameters").path("ChangeBatch").path("Changes").get(0)
                .path("ResourceRecordSet").path("TTL").asInt()).isEqualTo(300);
    }

    @Test
    void theCreatingFunction_mayOnlyCreateTheConfiguredRecords() {
        List<JsonNode> statements = new ArrayList<>();
        example.resources("AWS::IAM::Policy").values().forEach(p -> p.path("Properties").path("PolicyDocument")
                .path("Statement").forEach(s -> {
                    // CutoverApi's adopt_records grant (DELETE and CREATE) is RecordAdoptionPolicyIT's.
                    if (TemplateJson.texts(s.path("Condition").path("ForAllValues:StringEquals")
                            .path("route53:ChangeResourceRecordSetsActions")).contains("CREATE")
                            && !s.path("Sid").asText().startsWith("AdoptPlainRecords")) {
                        statements.add(s);
                    }
                }));

        assertThat(statements).hasSize(2);
        List<String> names = new ArrayList<>();
        for (JsonNode s : statements) {
            JsonNode condition = s.path("Condition").path("ForAllValues:StringEquals");
            assertThat(TemplateJson.texts(s.path("Action"))).containsExactly("route53:ChangeResourceRecordSets");
            assertThat(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsActions")))
                    .containsExactly("CREATE");
            assertThat(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsRecordTypes")))
                    .containsExactly("CNAME");
            names.addAll(TemplateJson.texts(condition.path("route53:ChangeResourceRecordSetsNormalizedRecordNames")));
            assertThat(s.path("Resource").toString()).contains(":route53:::hostedzone/Z0123456789ABCDEFGHIJ");
        }
        assertThat(names).containsExactlyInAnyOrder("db.orders.internal.example.com",
                "db-ro.orders.internal.example.com");
    }

    private static Map<String, String> physicalIds(TemplateJson template) {
        Map<String, String> ids = new TreeMap<>();
        template.resources(WeightedRecords.RESOURCE_TYPE).forEach((logicalId, pair) -> ids.put(logicalId,
                sdkCall(pair.path("Properties").path("Create")).path("physicalResourceId").path("id").asText()));
        return ids;
    }

    /** The SDK call CDK serializes into the property: a JSON string, or an Fn::Join around tokens (endpoints). */
    static JsonNode sdkCall(JsonNode property) {
        if (property.isTextual()) {
            return Json.parseTree(property.asText(), "sdk call");
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode part : property.path("Fn::Join").path(1)) {
            joined.append(part.isTextual() ? part.asText() : "TOKEN");
        }
        return Json.parseTree(joined.toString(), "sdk call");
    }
}
