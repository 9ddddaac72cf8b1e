package io.cutover.core.port.cloud;

import java.time.Instant;
import java.util.Objects;

/**
 * A weight change Route 53 confirmed as {@code INSYNC}: both records of the group carry the new weights on
 * every Route 53 name server.
 *
 * @param changeId   the Route 53 change id (bare, without {@code /change/})
 * @param submittedAt when ChangeResourceRecordSets was accepted
 * @param inSyncAt   when GetChange first reported {@code INSYNC}
 * @param attempts   ChangeResourceRecordSets calls made (more than 1 after throttling or a prior change in progress)
 */
public record AppliedWeights(RecordGroupRef group, Weights weights, String changeId, Instant submittedAt,
                             Instant inSyncAt, int attempts) {
    public AppliedWeights {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(changeId, "changeId");
    }
}
