package io.cutover.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.core.port.db.DatabaseCredentials;
import io.cutover.core.port.db.DatabaseLoginUnavailableException;
import io.cutover.core.port.db.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Database credentials from a Secrets Manager secret in the RDS format
 * ({@code {"username": ..., "password": ..., "engine": ..., "host": ...}}). No message and no exception
 * cause produced here ever contains the secret's value: a JSON parser's message quotes the text it choked on,
 * so parse failures are reported by position only.
 */
public final class SecretsManagerSecretResolver implements SecretResolver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SecretsManagerClient> secrets;

    public SecretsManagerSecretResolver(Supplier<SecretsManagerClient> secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public DatabaseCredentials resolve(String secretArn) {
        Objects.requireNonNull(secretArn, "secretArn");
        String value;
        try {
            value = secrets.get().getSecretValue(r -> r.secretId(secretArn)).secretString();
        } catch (ResourceNotFoundException e) {
            throw new DatabaseLoginUnavailableException("secret " + secretArn + " does not exist (or has no current version)", e);
        }
        if (value == null) {
            throw new DatabaseLoginUnavailableException("secret " + secretArn + " holds binary data; expected the RDS JSON format"
                    + " {\"username\": ..., \"password\": ...} as a secret string");
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new DatabaseLoginUnavailableException("secret " + secretArn + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + "; expected {\"username\": ..., \"password\": ...}");
        }
        if (node == null || !node.isObject()) {
            throw new DatabaseLoginUnavailableException("secret " + secretArn + " is JSON but not an object; expected"
                    + " {\"username\": ..., \"password\": ...}");
        }
        List<String> missing = new ArrayList<>(2);
        String username = text(node, "username", missing);
        String password = text(node, "password", missing);
        if (!missing.isEmpty()) {
            throw new DatabaseLoginUnavailableException("secret " + secretArn + " lacks the field(s) " + String.join(", ", missing)
                    + " (non-empty strings); it has " + fieldNames(node));
        }
        return new DatabaseCredentials(username, password);
    }

    private static String text(JsonNode node, String field, List<String> missing) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            missing.add(field);
            return null;
        }
        return value.asText();
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "no fields" : "only " + String.join(", ", names);
    }
}
