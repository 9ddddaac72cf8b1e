package io.cutover.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.core.port.cloud.DocumentTooLargeException;
import io.cutover.core.port.cloud.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The migration's JSON documents as Parameter Store String parameters under {@code /cutover/{migrationId}/}. */
public final class SsmKeyValueStore implements KeyValueStore {
    static final int STANDARD_MAX_BYTES = 4096;
    static final int ADVANCED_MAX_BYTES = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SsmClient> ssm;
    private final ParameterNames names;

    public SsmKeyValueStore(Supplier<SsmClient> ssm) {
        this(ssm, ParameterNames.DEFAULT_ROOT);
    }

    public SsmKeyValueStore(Supplier<SsmClient> ssm, String root) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.names = new ParameterNames(root);
    }

    @Override
    public Optional<String> get(String migrationId, String name) {
        String parameter = names.of(migrationId, name);
        try {
            return Optional.of(ssm.get().getParameter(r -> r.name(parameter)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String migrationId, String name, String json) {
        write(migrationId, name, json, true);
    }

    /**
     * PutParameter with Overwrite=false: Parameter Store refuses it with ParameterAlreadyExists when the parameter
     * exists ("Overwrite ... Default: false", PutParameter in the AWS Systems Manager API Reference), which makes the
     * create atomic among concurrent writers.
     */
    @Override
    public boolean create(String migrationId, String name, String json) {
        try {
            write(migrationId, name, json, false);
            return true;
        } catch (ParameterAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public void delete(String migrationId, String name) {
        String parameter = names.of(migrationId, name);
        try {
            ssm.get().deleteParameter(r -> r.name(parameter));
        } catch (ParameterNotFoundException e) {
            // already gone: the delete is done
        }
    }

    private void write(String migrationId, String name, String json, boolean overwrite) {
        String parameter = names.of(migrationId, name);
        Objects.requireNonNull(json, "json");
        try {
            JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("document " + parameter + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ADVANCED_MAX_BYTES) {
            throw new DocumentTooLargeException("document " + parameter + " is " + bytes
                    + " bytes; Parameter Store holds at most " + ADVANCED_MAX_BYTES + " (Advanced tier)");
        }
        ssm.get().putParameter(r -> r.name(parameter).value(json).type(ParameterType.STRING).overwrite(overwrite)
                .tier(tierFor(bytes)));
    }

    /**
     * Over 4 KB needs the Advanced tier. Smaller documents go as Intelligent-Tiering rather than Standard:
     * Parameter Store refuses to move an Advanced parameter back to Standard, so a document that once grew past
     * 4 KB could otherwise never be written again once it shrank.
     */
    static ParameterTier tierFor(int bytes) {
        return bytes > STANDARD_MAX_BYTES ? ParameterTier.ADVANCED : ParameterTier.INTELLIGENT_TIERING;
    }
}
