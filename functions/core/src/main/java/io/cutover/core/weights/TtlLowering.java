package io.cutover.core.weights;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The records' TTL lowered for one cutover attempt (issue 20), as stored before the first record changes: a repeated
 * LowerRecordTtl finds it and keeps the TTL read before any change, never the lowered one it would read now.
 *
 * <p>A resolver that cached an answer before the lowering reached Route 53's name servers may keep it for the old TTL
 * ("Values specific for weighted records", Route 53 Developer Guide: the TTL is how long recursive resolvers cache
 * the record). So the fence waits until {@code cachesExpireAt}: the lowering's INSYNC plus the longest TTL lowered.
 *
 * @param cutoverTtlSeconds the TTL the lowered groups get
 * @param plannedAt         when the originals were read
 * @param groups            every record group of the config, lowered or not, in config order
 * @param cachesExpireAt    when no resolver can still hold an answer cached under an original TTL; null until every
 *                          lowered group is INSYNC
 * @param restoredAt        when RestoreRecordTtl put every original TTL back; null before
 */
public record TtlLowering(int cutoverTtlSeconds, Instant plannedAt, List<GroupTtl> groups, Instant cachesExpireAt,
                          Instant restoredAt) {
    public TtlLowering {
        Objects.requireNonNull(plannedAt, "plannedAt");
        groups = List.copyOf(groups);
    }

    /**
     * Decides per group from the TTL Route 53 holds now: lowered when it is above {@code cutoverTtlSeconds}; left as
     * it is (a no-op, with the reason) when it is already at or below it, or when the record is an alias.
     *
     * @param heldTtl per group name, in config order; a null value is an alias record
     */
    public static TtlLowering plan(int cutoverTtlSeconds, Map<String, Long> heldTtl, Instant now) {
        List<GroupTtl> groups = new ArrayList<>();
        for (Map.Entry<String, Long> held : heldTtl.entrySet()) {
            Long ttl = held.getValue();
            if (ttl == null) {
                groups.add(new GroupTtl(held.getKey(), null, false, "alias records: their TTL is the alias"
                        + " target's; left as it is"));
            } else if (ttl <= cutoverTtlSeconds) {
                groups.add(new GroupTtl(held.getKey(), ttl, false, "TTL " + ttl + " s is already at or below"
                        + " dns.cutoverTtlSeconds " + cutoverTtlSeconds + " s; left as it is"));
            } else {
                groups.add(new GroupTtl(held.getKey(), ttl, true, "TTL " + ttl + " s lowered to " + cutoverTtlSeconds
                        + " s"));
            }
        }
        return new TtlLowering(cutoverTtlSeconds, now, groups, null, null);
    }

    public List<GroupTtl> loweredGroups() {
        return groups.stream().filter(GroupTtl::lowered).toList();
    }

    public Optional<GroupTtl> group(String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst();
    }

    public boolean restored() {
        return restoredAt != null;
    }

    /** The longest original TTL among the lowered groups; 0 when none is lowered (nothing to wait for). */
    public long longestLoweredTtl() {
        return loweredGroups().stream().mapToLong(GroupTtl::originalTtl).max().orElse(0);
    }

    /**
     * Every lowered group is INSYNC at {@code inSyncAt}: caches filled before it expire the longest original TTL
     * later. Rounded up to the whole second, as Step Functions compares a Wait's timestamp to the second.
     */
    public TtlLowering inSyncAt(Instant inSyncAt) {
        Instant expiry = inSyncAt.plus(Duration.ofSeconds(longestLoweredTtl()));
        Instant whole = expiry.getNano() == 0 ? expiry : Instant.ofEpochSecond(expiry.getEpochSecond() + 1);
        return new TtlLowering(cutoverTtlSeconds, plannedAt, groups, whole, restoredAt);
    }

    public TtlLowering restoredAt(Instant at) {
        return new TtlLowering(cutoverTtlSeconds, plannedAt, groups, cachesExpireAt, at);
    }

    /** The TTL to restore per lowered group name. */
    public Map<String, Long> originals() {
        Map<String, Long> originals = new LinkedHashMap<>();
        loweredGroups().forEach(g -> originals.put(g.group(), g.originalTtl()));
        return originals;
    }
}
