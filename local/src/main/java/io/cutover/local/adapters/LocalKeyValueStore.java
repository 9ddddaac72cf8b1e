package io.cutover.local.adapters;

import io.cutover.core.port.cloud.KeyValueStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Parameter Store in memory, one map per migration; writes are effects. */
public final class LocalKeyValueStore implements KeyValueStore {
    private final Map<String, String> documents = new LinkedHashMap<>();
    private final EffectLog effects;

    public LocalKeyValueStore(EffectLog effects) {
        this.effects = effects;
    }

    /** Seeds a document without recording an effect (the state the user starts from). */
    public synchronized LocalKeyValueStore seed(String migrationId, String name, String json) {
        documents.put(key(migrationId, name), json);
        return this;
    }

    @Override
    public synchronized Optional<String> get(String migrationId, String name) {
        return Optional.ofNullable(documents.get(key(migrationId, name)));
    }

    @Override
    public synchronized void put(String migrationId, String name, String json) {
        documents.put(key(migrationId, name), json);
        effects.record("ssm:PutParameter", key(migrationId, name), Map.of("bytes", json.length()));
    }

    @Override
    public synchronized boolean create(String migrationId, String name, String json) {
        if (documents.containsKey(key(migrationId, name))) {
            return false;
        }
        documents.put(key(migrationId, name), json);
        effects.record("ssm:PutParameter(Overwrite=false)", key(migrationId, name), Map.of("bytes", json.length()));
        return true;
    }

    @Override
    public synchronized void delete(String migrationId, String name) {
        if (documents.remove(key(migrationId, name)) != null) {
            effects.record("ssm:DeleteParameter", key(migrationId, name), Map.of());
        }
    }

    /** Every document by name, for the final state a local invocation prints. */
    public synchronized Map<String, String> documents(String migrationId) {
        Map<String, String> result = new LinkedHashMap<>();
        String prefix = key(migrationId, "");
        documents.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    private static String key(String migrationId, String name) {
        return "/cutover/" + migrationId + "/" + name;
    }
}
