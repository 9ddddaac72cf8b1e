package io.cutover.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awscdk.assertions.Template;

/** A synthesized template as a Jackson tree, for checks the assertions API expresses poorly (IAM, patterns). */
record TemplateJson(JsonNode root) {

    static TemplateJson of(Template template) {
        return new TemplateJson(Json.MAPPER.valueToTree(template.toJSON()));
    }

    /** Logical id to resource, for one resource type. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    /** The logical id of the one resource of a type whose properties satisfy the predicate. */
    String logicalId(String type, Predicate<JsonNode> properties) {
        List<String> ids = resources(type).entrySet().stream()
                .filter(e -> properties.test(e.getValue().path("Properties")))
                .map(Map.Entry::getKey).toList();
        assertThat(ids).as("resources of type %s matching", type).hasSize(1);
        return ids.get(0);
    }

    JsonNode properties(String logicalId) {
        return root.path("Resources").path(logicalId).path("Properties");
    }

    String functionId(String functionName) {
        return logicalId("AWS::Lambda::Function", p -> functionName.equals(p.path("FunctionName").asText()));
    }

    String aliasIdOf(String functionLogicalId) {
        return logicalId("AWS::Lambda::Alias", p -> functionLogicalId.equals(p.path("FunctionName").path("Ref").asText()));
    }

    /** The role a function runs as. */
    String roleIdOf(String functionLogicalId) {
        return properties(functionLogicalId).path("Role").path("Fn::GetAtt").path(0).asText();
    }

    /** Every statement of every inline policy attached to a role. */
    List<JsonNode> statementsOfRole(String roleLogicalId) {
        List<JsonNode> statements = new ArrayList<>();
        resources("AWS::IAM::Policy").values().forEach(policy -> {
            boolean attached = false;
            for (JsonNode role : policy.path("Properties").path("Roles")) {
                attached |= roleLogicalId.equals(role.path("Ref").asText());
            }
            if (attached) {
                policy.path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add);
            }
        });
        return statements;
    }

    static List<String> texts(JsonNode valueOrArray) {
        List<String> values = new ArrayList<>();
        if (valueOrArray.isArray()) {
            valueOrArray.forEach(v -> values.add(v.isTextual() ? v.asText() : v.toString()));
        } else if (!valueOrArray.isMissingNode()) {
            values.add(valueOrArray.isTextual() ? valueOrArray.asText() : valueOrArray.toString());
        }
        return values;
    }
}
