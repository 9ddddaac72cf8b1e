package io.cutover.handlers.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.json.Json;
import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.RecordPairReading;
import io.cutover.core.weights.GroupTtl;
import io.cutover.core.weights.TtlLowering;
import io.cutover.handlers.errors.RecordGroupIncompleteException;
import io.cutover.handlers.errors.RecordTtlNotRestoredException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records' TTL around a cutover (issue 20): lowered early to {@code dns.cutoverTtlSeconds} so every answer a
 * resolver caches is short-lived by the time the writer moves, and put back when the cutover ends. What Route 53 held
 * before is stored ({@link CutoverStore#RECORD_TTL}) before the first record changes, and a stored lowering that was
 * not restored is reused, so a repeated or retried lowering never takes its own lowered TTL for the original.
 */
public final class RecordTtls {
    private final RecordGroups records;
    private final Clock clock;

    public RecordTtls(RecordGroups records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /**
     * Lowers the TTL of every group above {@code dns.cutoverTtlSeconds}; a group already at or below it is left as
     * it is, with the reason. Without {@code dns.cutoverTtlSeconds} nothing is read or changed. The result's
     * {@code cachesExpireAt} is when the fence may come (now, when nothing was lowered).
     */
    public ObjectNode lower(CutoverStore store, CutoverConfig config) {
        Instant now = clock.instant();
        if (!config.dns().lowersTtl()) {
            ObjectNode result = Json.MAPPER.createObjectNode();
            result.put("configured", false);
            result.put("detail", "dns.cutoverTtlSeconds is not set: the records keep their TTL");
            result.putArray("groups");
            result.put("cachesExpireAt", wholeSecond(now).toString());
            return result;
        }
        TtlLowering lowering = store.standingTtlLowering().orElse(null);
        if (lowering == null) {
            Map<String, Long> held = new LinkedHashMap<>();
            for (RecordGroup group : config.recordGroups()) {
                held.put(group.name(), complete(group, records.read(group)).ttl().orElse(null));
            }
            lowering = TtlLowering.plan(config.dns().cutoverTtlSeconds(), held, now);
            store.saveDocument(CutoverStore.RECORD_TTL, lowering);
        }
        Instant lastInSync = null;
        for (GroupTtl lowered : lowering.loweredGroups()) {
            Optional<RecordGroup> group = config.group(lowered.group());
            if (group.isEmpty()) {
                continue;
            }
            RecordPairReading reading = complete(group.get(), records.read(group.get()));
            if (reading.ttl().orElse(-1L) == lowering.cutoverTtlSeconds()) {
                continue; // lowered by an earlier try of this task
            }
            AppliedWeights applied = records.changeTtl(group.get(), reading.weights(), lowering.cutoverTtlSeconds());
            lastInSync = lastInSync == null || applied.inSyncAt().isAfter(lastInSync) ? applied.inSyncAt() : lastInSync;
        }
        if (lastInSync != null || lowering.cachesExpireAt() == null) {
            // A try that changed records but died before recording it left no INSYNC time: now is the safe bound.
            lowering = lowering.inSyncAt(lastInSync != null ? lastInSync : now);
            store.saveDocument(CutoverStore.RECORD_TTL, lowering);
        }
        ObjectNode result = describe(lowering);
        result.put("configured", true);
        return result;
    }

    /**
     * Puts every lowered group's original TTL back (weights as read, unchanged); a group already back is skipped. A
     * group that cannot be restored does not stop the others: all are tried, then
     * {@link RecordTtlNotRestoredException} names those left lowered (the lowering stays stored, so a retry redoes
     * only them).
     */
    public ObjectNode restore(CutoverStore store, CutoverConfig config) {
        Optional<TtlLowering> standing = store.standingTtlLowering();
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode restored = result.putArray("restored");
        if (standing.isEmpty()) {
            result.put("detail", "no lowered TTL stands: nothing to restore");
            return result;
        }
        List<String> failures = new ArrayList<>();
        for (GroupTtl lowered : standing.get().loweredGroups()) {
            Optional<RecordGroup> group = config.group(lowered.group());
            if (group.isEmpty()) {
                failures.add(lowered.group() + ": no longer in the config; set its TTL back to "
                        + lowered.originalTtl() + " s by hand");
                continue;
            }
            try {
                RecordPairReading reading = complete(group.get(), records.read(group.get()));
                if (reading.ttl().orElse(-1L) != lowered.originalTtl()) {
                    records.changeTtl(group.get(), reading.weights(), lowered.originalTtl());
                }
                restored.addObject().put("group", lowered.group()).put("ttl", lowered.originalTtl());
            } catch (RuntimeException e) {
                failures.add(lowered.group() + " (TTL " + lowered.originalTtl() + " s): " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new RecordTtlNotRestoredException("the records keep dns.cutoverTtlSeconds "
                    + standing.get().cutoverTtlSeconds() + " s: " + String.join("; ", failures));
        }
        store.saveDocument(CutoverStore.RECORD_TTL, standing.get().restoredAt(clock.instant()));
        return result;
    }

    private static RecordPairReading complete(RecordGroup group, RecordPairReading reading) {
        if (!reading.complete()) {
            throw new RecordGroupIncompleteException("record group " + group.name() + " (" + group.recordName()
                    + " " + group.type() + "): no weighted record with set identifier "
                    + String.join(" or ", reading.missingSetIdentifiers()));
        }
        return reading;
    }

    private static ObjectNode describe(TtlLowering lowering) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("cutoverTtlSeconds", lowering.cutoverTtlSeconds());
        ArrayNode groups = result.putArray("groups");
        for (GroupTtl group : lowering.groups()) {
            ObjectNode node = groups.addObject().put("group", group.group()).put("lowered", group.lowered())
                    .put("reason", group.reason());
            if (group.originalTtl() != null) {
                node.put("originalTtl", group.originalTtl());
            }
        }
        result.put("cachesExpireAt", lowering.cachesExpireAt().toString());
        return result;
    }

    /** Step Functions compares a Wait's timestamp to the second; rounded up, a wait is never short. */
    private static Instant wholeSecond(Instant at) {
        return at.getNano() == 0 ? at : Instant.ofEpochSecond(at.getEpochSecond() + 1);
    }
}
