package io.cutover.core.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A weighted pair of Route 53 records, one pointing at the source database and one at the Aurora target.
 *
 * @param allowWeightedWrites for a writer group only: lets writes be split by weight. Safe only with
 *                            replication in both directions; every verdict says so when it is on.
 */
public record RecordGroup(
        String name,
        RecordRole role,
        String hostedZoneId,
        String recordName,
        String type,
        int ttl,
        RecordSide source,
        RecordSide target,
        boolean allowWeightedWrites) {

    @JsonIgnore // derived from role; as a JSON property it would make stored plans unreadable
    public boolean isWriter() {
        return role == RecordRole.WRITER;
    }

    /** The hosted zone id without a {@code /hostedzone/} prefix, as Route 53 API paths want it. */
    public String bareHostedZoneId() {
        return hostedZoneId.startsWith("/hostedzone/") ? hostedZoneId.substring("/hostedzone/".length()) : hostedZoneId;
    }
}
