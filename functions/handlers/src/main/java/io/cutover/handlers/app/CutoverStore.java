package io.cutover.handlers.app;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.CutoverConfigParser;
import io.cutover.core.json.InvalidDocumentException;
import io.cutover.core.json.Json;
import io.cutover.core.phase.CutoverState;
import io.cutover.core.phase.Phase;
import io.cutover.core.phase.RollbackRequest;
import io.cutover.core.port.cloud.KeyValueStore;
import io.cutover.core.weights.TtlLowering;
import io.cutover.handlers.errors.ConfigUnavailableException;
import io.cutover.handlers.errors.RollbackRequestedException;
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
    public static final String ROLLBACK = "rollback";
    /** What PrecountRows counted before the fence, for VerifyRowCounts (issue 20). */
    public static final String ROW_PRECOUNT = "row-precount";
    /** What PresyncSequences synced before the fence, for SyncSequences (issue 20): {@link SequencePresync}. */
    public static final String SEQUENCE_PRESYNC = "sequence-presync";
    /** The records' TTL as read before LowerRecordTtl changed it (issue 20): {@link io.cutover.core.weights.TtlLowering}. */
    public static final String RECORD_TTL = "record-ttl";

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

    /** The effective state: the stored state as a standing rollback request makes it (RollbackRequest.overlay). */
    public CutoverState state(Instant now) {
        CutoverState stored = storedState(now);
        return rollbackRequest().map(request -> request.overlay(stored)).orElse(stored);
    }

    /**
     * The state as written, without a standing rollback request laid over it: what a writer moves on from
     * ({@link #saveState} still refuses a forward step while a request stands).
     */
    public CutoverState storedState(Instant now) {
        return store.get(migrationId, STATE).map(json -> read(STATE, json, CutoverState.class))
                .filter(state -> state.phase() != null)
                .orElse(CutoverState.idle(migrationId, now));
    }

    /**
     * Every state writer goes through here. While a rollback request stands, only the rollback's own phases are
     * written, or a re-arm after it finished (which clears the request first); a forward step is refused before it
     * writes. A forward write that raced the request's creation and landed anyway is harmless to readers, who
     * overlay the request, and is caught by the runner's check after the write.
     */
    public void saveState(CutoverState state) {
        Optional<RollbackRequest> request = rollbackRequest();
        if (request.isPresent() && state.phase() != Phase.ROLLING_BACK && state.phase() != Phase.ROLLED_BACK) {
            if (!request.get().rearmedBy(state)) {
                throw new RollbackRequestedException(describe(request.get()) + ": the phase " + state.phase()
                        + " is not recorded");
            }
            store.delete(migrationId, ROLLBACK);
        }
        store.put(migrationId, STATE, Json.write(state));
    }

    /** The standing rollback request, if any. */
    public Optional<RollbackRequest> rollbackRequest() {
        return document(ROLLBACK, RollbackRequest.class);
    }

    /**
     * Records a rollback request before any of its effects; atomic (create-if-absent), so of concurrent requests the
     * first stands and the others join it. Returns the request in force.
     */
    public RollbackRequest requestRollback(RollbackRequest request) {
        if (store.create(migrationId, ROLLBACK, Json.write(request))) {
            return request;
        }
        return rollbackRequest().orElseGet(() -> requestRollback(request));
    }

    /** The rollback's end; only rollbacks write the request after its creation, and finishing is monotonic. */
    public void finishRollback(Instant at) {
        rollbackRequest().filter(request -> !request.finished())
                .ifPresent(request -> store.put(migrationId, ROLLBACK, Json.write(request.finishedAt(at))));
    }

    /** How a standing request reads in errors and status: who, when, why. */
    public static String describe(RollbackRequest request) {
        return "rollback requested by " + request.requestedBy() + " at " + request.requestedAt() + " ("
                + request.reason() + ")";
    }

    /**
     * The records' TTL lowering of this attempt (issue 20): one LowerRecordTtl stored and RestoreRecordTtl has not
     * restored yet. A restored one belongs to an earlier attempt.
     */
    public Optional<TtlLowering> standingTtlLowering() {
        return document(RECORD_TTL, TtlLowering.class).filter(lowering -> !lowering.restored());
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

    /** Deletes a document; one that is not there changes nothing. */
    public void deleteDocument(String name) {
        store.delete(migrationId, name);
    }
}
