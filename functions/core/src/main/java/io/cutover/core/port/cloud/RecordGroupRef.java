package io.cutover.core.port.cloud;

import java.util.Objects;

/**
 * Where a weighted pair of Route 53 records lives and what each record points to.
 *
 * @param groupName    the name of the record group in the cutover config; used in messages only
 * @param hostedZoneId the hosted zone id; a {@code /hostedzone/} prefix is tolerated and stripped
 * @param recordName   the DNS name shared by both records
 * @param type         the record type shared by both records ({@code CNAME}, {@code A}, ...)
 * @param ttl          the TTL both records share, in seconds
 * @param source       the record that points at the source database
 * @param target       the record that points at the Aurora target
 */
public record RecordGroupRef(
        String groupName,
        String hostedZoneId,
        String recordName,
        String type,
        long ttl,
        RecordTarget source,
        RecordTarget target) {

    private static final String ZONE_PREFIX = "/hostedzone/";

    public RecordGroupRef {
        RecordTarget.requireText(groupName, "groupName");
        RecordTarget.requireText(hostedZoneId, "hostedZoneId");
        RecordTarget.requireText(recordName, "recordName");
        RecordTarget.requireText(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (ttl < 0) {
            throw new IllegalArgumentException("ttl must be >= 0, was " + ttl);
        }
        if (source.setIdentifier().equals(target.setIdentifier())) {
            throw new IllegalArgumentException("group " + groupName + ": source and target share the set identifier '"
                    + source.setIdentifier() + "'; Route 53 needs them distinct");
        }
        hostedZoneId = hostedZoneId.startsWith(ZONE_PREFIX) ? hostedZoneId.substring(ZONE_PREFIX.length()) : hostedZoneId;
    }

    /** The same pair with another TTL (both records of a weighted group share one TTL). */
    public RecordGroupRef withTtl(long seconds) {
        return new RecordGroupRef(groupName, hostedZoneId, recordName, type, seconds, source, target);
    }

    /** One line naming the group for messages: {@code orders-writer (db.example.com CNAME in zone Z123)}. */
    public String describe() {
        return groupName + " (" + recordName + " " + type + " in zone " + hostedZoneId + ")";
    }
}
