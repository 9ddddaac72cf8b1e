package io.cutover.handlers.app;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.port.cloud.KeyValueStore;
import io.cutover.handlers.errors.ConfigUnavailableException;
import io.cutover.handlers.errors.StoredDocumentInvalidException;
import java.time.Instant;
import java.util.Optional;

/** Typed access to one migration's documents in the key-value store (Parameter Store in AWS). */
public final class CutoverStore {
    public static final String CONFIG = "config";
    public static final String STATE = "state";
    public static final String READINESS = "readiness";
    public static final String ROLLBACK_POINT = "rollback-point";
    public static final String FENCE = "fence";
    public static final String ATTEMPT = "attempt";

    private final KeyValueStore store;
    private final String migrationId;

    public CutoverStore(KeyValueStore store, String migrationId) {
        this.store = store;
        this.migrationId = migrationId;
    }

    /** The config as deployed; a missing or invalid one is a deployment error: {@link ConfigUnavailableException}. */
    public CutoverConfig config() {
        String json = store.get(migrationId, CONFIG).orElseThrow(() -> new ConfigUnavailableException(
                "no cutover config at /cutover/" + migrationId + "/config: deploy it (cdk deploy) first"));
        CutoverConfig config;
        try {
            config = CutoverConfigParser.parse(json);
        } catch (InvalidDocumentException e) {
            throw new ConfigUnavailableException(e.getMessage(), e);
        }
        if (!config.migrationId().equals(migrationId)) {
            throw new ConfigUnavailableException("the config stored for " + migrationId + " names migration "
                    + config.migrationId());
        }
        return config;
    }

    public CutoverState state(Instant now) {
        return store.get(migrationId, STATE).map(json -> read(STATE, json, CutoverState.class))
                .filter(state -> state.phase() != null)
                .orElse(CutoverState.idle(migrationId, now));
    }

    public void saveState(CutoverState state) {
        store.put(migrationId, STATE, Json.write(state));
    }

    public <T> Optional<T> document(String name, Class<T> type) {
        return store.get(migrationId, name).map(json -> read(name, json, type));
    }

    /** A stored document that no longer reads as its type is a fault of the store, named as such. */
    private <T> T read(String name, String json, Class<T> type) {
        try {
            return Json.read(json, type);
        } catch (IllegalArgumentException e) {
            throw new StoredDocumentInvalidException("/cutover/" + migrationId + "/" + name + ": " + e.getMessage(), e);
        }
    }

    public void saveDocument(String name, Object value) {
        store.put(migrationId, name, Json.write(value));
    }
}
