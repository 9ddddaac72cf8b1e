package io.cutover.handlers.app;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.port.cloud.KeyValueStore;
import java.time.Instant;
import java.util.Optional;

/** Typed access to one migration's documents in the key-value store (Parameter Store in AWS). */
public final class CutoverStore {
    static final String CONFIG = "config";
    static final String STATE = "state";
    static final String READINESS = "readiness";
    static final String ROLLBACK_POINT = "rollback-point";
    static final String FENCE = "fence";
    static final String ATTEMPT = "attempt";

    private final KeyValueStore store;
    private final String migrationId;

    public CutoverStore(KeyValueStore store, String migrationId) {
        this.store = store;
        this.migrationId = migrationId;
    }

    /** The config as deployed; a missing or invalid one is a deployment error, reported as such. */
    public CutoverConfig config() {
        String json = store.get(migrationId, CONFIG).orElseThrow(() -> new IllegalStateException(
                "no cutover config at /cutover/" + migrationId + "/config: deploy it (cdk deploy) first"));
        CutoverConfig config = CutoverConfigParser.parse(json);
        if (!config.migrationId().equals(migrationId)) {
            throw new IllegalStateException("the config stored for " + migrationId + " names migration "
                    + config.migrationId());
        }
        return config;
    }

    public CutoverState state(Instant now) {
        return store.get(migrationId, STATE).map(json -> Json.read(json, CutoverState.class))
                .filter(state -> state.phase() != null)
                .orElse(CutoverState.idle(migrationId, now));
    }

    public void saveState(CutoverState state) {
        store.put(migrationId, STATE, Json.write(state));
    }

    public <T> Optional<T> document(String name, Class<T> type) {
        return store.get(migrationId, name).map(json -> Json.read(json, type));
    }

    public void saveDocument(String name, Object value) {
        store.put(migrationId, name, Json.write(value));
    }
}
