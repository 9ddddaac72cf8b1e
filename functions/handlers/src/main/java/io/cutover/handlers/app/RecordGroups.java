package io.cutover.handlers.app;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordPairReading;
import io.cutover.core.port.cloud.RecordTarget;
import io.cutover.core.port.cloud.WeightedRecords;
import io.cutover.core.port.cloud.Weights;
import io.cutover.core.weights.GroupTtl;
import io.cutover.core.weights.TtlLowering;
import io.cutover.core.weights.WeightChange;
import io.cutover.core.weights.WeightPlan;
import io.cutover.handlers.errors.RecordGroupIncompleteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes the weights of a config's record groups through the DNS port. */
public final class RecordGroups {
    /** Route 53 changes are usually INSYNC within 60 s; give them twice that. */
    static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(120);

    private final WeightedRecords records;

    public RecordGroups(WeightedRecords records) {
        this.records = records;
    }

    public static RecordGroupRef ref(RecordGroup group) {
        return new RecordGroupRef(group.name(), group.bareHostedZoneId(), group.recordName(), group.type(), group.ttl(),
                new RecordTarget(group.source().setIdentifier(), group.source().value()),
                new RecordTarget(group.target().setIdentifier(), group.target().value()));
    }

    /** Current weights per group name; a group without both records is an error naming what is missing. */
    public Map<String, Weights> current(CutoverConfig config) {
        Map<String, Weights> weights = new LinkedHashMap<>();
        for (RecordGroup group : config.recordGroups()) {
            RecordPairReading reading = records.read(ref(group));
            if (!reading.complete()) {
                throw new RecordGroupIncompleteException("record group " + group.name() + " (" + group.recordName()
                        + " " + group.type() + "): no weighted record with set identifier "
                        + String.join(" or ", reading.missingSetIdentifiers()));
            }
            weights.put(group.name(), reading.weights());
        }
        return weights;
    }

    /**
     * Writes every changing group (one batch per group, both records together) and waits for INSYNC. The batch
     * carries the TTL the cutover set: {@code dns.cutoverTtlSeconds} for a group a standing lowering lowered (issue
     * 20), else the config's. In Route 53 the TTL of the last batch becomes the whole group's, so writing the config's
     * TTL here would undo the lowering. It comes from the stored lowering, not from another read of the records:
     * the weights were just read, and Route 53 allows five requests a second per account.
     */
    public List<AppliedWeights> apply(WeightPlan plan, CutoverStore store) {
        List<WeightChange> changes = plan.effective();
        if (changes.isEmpty()) {
            return List.of();
        }
        Optional<TtlLowering> lowering = store.standingTtlLowering();
        List<AppliedWeights> applied = new ArrayList<>();
        for (WeightChange change : changes) {
            RecordGroupRef ref = ref(change.group());
            RecordGroupRef written = lowering.filter(l -> l.group(change.group().name()).map(GroupTtl::lowered)
                    .orElse(false)).map(l -> ref.withTtl(l.cutoverTtlSeconds())).orElse(ref);
            applied.add(records.apply(written, change.after(), IN_SYNC_TIMEOUT));
        }
        return applied;
    }

    /** Both records of {@code group} as Route 53 holds them now. */
    public RecordPairReading read(RecordGroup group) {
        return records.read(ref(group));
    }

    /** Sets the TTL of both records of {@code group}, writing the weights {@code held} back unchanged; after INSYNC. */
    public AppliedWeights changeTtl(RecordGroup group, Weights held, long ttlSeconds) {
        return records.changeTtl(ref(group).withTtl(ttlSeconds), held, IN_SYNC_TIMEOUT);
    }

    public static Map<String, Weights> after(WeightPlan plan) {
        Map<String, Weights> after = new LinkedHashMap<>();
        plan.changes().forEach(c -> after.put(c.group().name(), c.after()));
        return after;
    }
}
