package io.cutover.handlers;

import io.cutover.aws.testing.StubResponses;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cutover.core.json.Json;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of Parameter Store the handlers rely on, answered over the wire: GetParameter returns what was
 * put, PutParameter with {@code Overwrite=false} on an existing name fails with {@code ParameterAlreadyExists}
 * (the lock's create-if-absent), DeleteParameter removes. The requests still land in WireMock's journal, so
 * tests assert on exactly what the SSM client sent.
 */
final class ParameterStoreStub implements ResponseDefinitionTransformerV2 {
    static final String NAME = "parameter-store";

    private final Map<String, String> parameters = new ConcurrentHashMap<>();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    void clear() {
        parameters.clear();
    }

    void seed(String name, String value) {
        parameters.put(name, value);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String target = event.getRequest().getHeader("X-Amz-Target");
        JsonNode body = Json.parseTree(event.getRequest().getBodyAsString(), "SSM request");
        String name = body.path("Name").asText();
        return switch (target) {
            case "AmazonSSM.GetParameter" -> {
                String value = parameters.get(name);
                yield value == null ? error("ParameterNotFound", "Parameter " + name + " not found.")
                        : ok(AwsResponses.parameter(name, value));
            }
            case "AmazonSSM.PutParameter" -> {
                String value = body.path("Value").asText();
                if (body.path("Overwrite").asBoolean(false)) {
                    parameters.put(name, value);
                } else if (parameters.putIfAbsent(name, value) != null) {
                    yield error("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, "
                            + "set the overwrite option in the request to true.");
                }
                yield ok(AwsResponses.putParameterResult());
            }
            case "AmazonSSM.DeleteParameter" -> parameters.remove(name) == null
                    ? error("ParameterNotFound", "Parameter " + name + " not found.") : ok("{}");
            default -> error("InvalidAction", "this stub does not implement " + target);
        };
    }

    private static ResponseDefinition ok(String body) {
        return StubResponses.json(body).build();
    }

    private static ResponseDefinition error(String code, String message) {
        return StubResponses.jsonError(code, message).build();
    }
}
