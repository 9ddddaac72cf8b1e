package io.cutover.local.adapters;

import io.cutover.core.config.CutoverConfig;
import io.cutover.core.config.RecordGroup;
import io.cutover.core.port.cloud.AppliedWeights;
import io.cutover.core.port.cloud.ObservedRecord;
import io.cutover.core.port.cloud.RecordAtName;
import io.cutover.core.port.cloud.RecordChangeRejectedException;
import io.cutover.core.port.cloud.RecordGroupRef;
import io.cutover.core.port.cloud.RecordPairReading;
import io.cutover.core.port.cloud.WeightedRecords;
import io.cutover.core.port.cloud.Weights;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weighted records held in memory: the rehearsal's DNS. A change is in sync at once; both records
 * of a group change together, as one Route 53 batch would, and share one TTL, as Route 53 keeps a weighted group's:
 * a batch's TTL becomes the group's.
 */
public final class LocalWeightedRecords implements WeightedRecords {
    /** The effect of a weight change (and of adopting a plain record). */
    public static final String WEIGHT_CHANGE = "route53:ChangeResourceRecordSets";
    /** The effect of a TTL change with the weights kept (LowerRecordTtl, RestoreRecordTtl). */
    public static final String TTL_CHANGE = "route53:ChangeResourceRecordSets:ttl";

    private final Map<String, Weights> weights = new LinkedHashMap<>();
    /** The TTL each group's pair holds, in seconds: the config's until a batch writes another. */
    private final Map<String, Long> ttls = new LinkedHashMap<>();
    /** Groups whose name holds a plain record instead of the pair (a deployment with createRecords: false). */
    private final Map<String, RecordAtName> plain = new LinkedHashMap<>();
    private final EffectLog effects;
    private final Clock clock;
    private final AtomicLong changes = new AtomicLong();
    private Runnable beforeNextChange;
    private Runnable afterNextChange;

    public LocalWeightedRecords(EffectLog effects, Clock clock) {
        this.effects = effects;
        this.clock = clock;
    }

    /** Every group of the config starts on the source unless {@code initial} says otherwise. */
    public LocalWeightedRecords seed(CutoverConfig config, Map<String, Weights> initial) {
        for (RecordGroup group : config.recordGroups()) {
            weights.put(group.name(), initial.getOrDefault(group.name(), Weights.allSource()));
            ttls.put(group.name(), (long) group.ttl());
        }
        return this;
    }

    @Override
    public synchronized RecordPairReading read(RecordGroupRef group) {
        Weights current = weights.get(group.groupName());
        if (current == null) {
            return new RecordPairReading(group, Optional.empty(), Optional.empty());
        }
        long ttl = heldTtl(group);
        return new RecordPairReading(group,
                Optional.of(new ObservedRecord(group.source().setIdentifier(), current.source(), ttl,
                        group.source().value())),
                Optional.of(new ObservedRecord(group.target().setIdentifier(), current.target(), ttl,
                        group.target().value())));
    }

    /**
     * Runs {@code before} just before the next change is written and {@code after} just after it, once each, in the
     * caller's thread: a race test puts a rollback exactly there, deterministically. A change the hooks make
     * themselves does not fire them again.
     */
    public synchronized void aroundNextChange(Runnable before, Runnable after) {
        this.beforeNextChange = before;
        this.afterNextChange = after;
    }

    @Override
    public synchronized AppliedWeights apply(RecordGroupRef group, Weights next, Duration timeout) {
        if (!weights.containsKey(group.groupName())) {
            throw new IllegalStateException("no weighted records for group " + group.describe());
        }
        Runnable before = beforeNextChange;
        Runnable after = afterNextChange;
        beforeNextChange = null;
        afterNextChange = null;
        if (before != null) {
            before.run();
        }
        AppliedWeights applied = change(group, next);
        if (after != null) {
            after.run();
        }
        return applied;
    }

    /**
     * As Route 53: both records UPSERT with the weights given and the group's new TTL, in one batch. Recorded as
     * {@value #TTL_CHANGE}, not as a weight change: the same AWS call, but readers of the weight changes (the
     * rehearsal's figures: when the writer moved) must not take a TTL change for a move.
     */
    @Override
    public synchronized AppliedWeights changeTtl(RecordGroupRef group, Weights held, Duration timeout) {
        if (!weights.containsKey(group.groupName())) {
            throw new IllegalStateException("no weighted records for group " + group.describe());
        }
        return change(group, held, TTL_CHANGE);
    }

    private AppliedWeights change(RecordGroupRef group, Weights next) {
        return change(group, next, WEIGHT_CHANGE);
    }

    private AppliedWeights change(RecordGroupRef group, Weights next, String call) {
        weights.put(group.groupName(), next);
        ttls.put(group.groupName(), group.ttl());
        String changeId = "C" + changes.incrementAndGet();
        effects.record(call, group.groupName(),
                Map.of("source", next.source(), "target", next.target(), "changeId", changeId,
                        "ttl", group.ttl()));
        return new AppliedWeights(group, next, changeId, clock.instant(), clock.instant(), 1);
    }

    /** The group's name holds {@code record}, a plain record, instead of the weighted pair. */
    public synchronized LocalWeightedRecords withPlainRecord(String group, RecordAtName record) {
        weights.remove(group);
        plain.put(group, record);
        return this;
    }

    @Override
    public synchronized List<RecordAtName> recordsAt(RecordGroupRef group) {
        Weights current = weights.get(group.groupName());
        if (current != null) {
            long ttl = heldTtl(group);
            return List.of(
                    new RecordAtName(group.type(), group.source().setIdentifier(), (long) current.source(), ttl,
                            List.of(group.source().value())),
                    new RecordAtName(group.type(), group.target().setIdentifier(), (long) current.target(), ttl,
                            List.of(group.target().value())));
        }
        RecordAtName record = plain.get(group.groupName());
        return record == null ? List.of() : List.of(record);
    }

    /** As Route 53: the DELETE must match the plain record exactly and no weighted record may exist yet. */
    @Override
    public synchronized AppliedWeights adoptPlain(RecordGroupRef group, RecordAtName record, Duration timeout) {
        if (weights.containsKey(group.groupName()) || !record.equals(plain.get(group.groupName()))) {
            throw new RecordChangeRejectedException("InvalidChangeBatch: the plain record of " + group.describe()
                    + " is not " + record.describe() + ", or a weighted record exists; nothing was changed", null);
        }
        plain.remove(group.groupName());
        return change(group, Weights.allSource());
    }

    /** What a client resolving this group's name would be sent to now. */
    public synchronized Weights current(String group) {
        return weights.get(group);
    }

    /**
     * How long a resolver may cache this group's answer now, in seconds: the TTL the last batch wrote (LowerRecordTtl
     * and RestoreRecordTtl change it), the config's before any; null for a group the records do not hold.
     */
    public synchronized Long ttlSeconds(String group) {
        return weights.containsKey(group) ? ttls.get(group) : null;
    }

    private long heldTtl(RecordGroupRef group) {
        return ttls.getOrDefault(group.groupName(), group.ttl());
    }

    public synchronized Map<String, Weights> snapshot() {
        return Map.copyOf(weights);
    }
}
