package io.cutover.core.port.cloud;

import java.time.Duration;
import java.util.List;

/** The weighted Route 53 record pairs that steer new connections between the source and the target. */
public interface WeightedRecords {

    /** Reads both records of the group; a record Route 53 does not hold is reported as missing, not invented. */
    RecordPairReading read(RecordGroupRef group);

    /**
     * Writes both records of the group (same name, type and TTL; their set identifiers, values and the given
     * weights) in one atomic batch, then waits until Route 53 reports the change {@code INSYNC}. Throttling and
     * "a prior change is still in progress" are retried within the timeout.
     *
     * @throws WeightChangeNotConfirmedException when the timeout passes first; it says whether the batch was
     *                                           submitted
     */
    AppliedWeights apply(RecordGroupRef group, Weights weights, Duration timeout);

    /**
     * Sets the TTL of both records of the group to {@code group.ttl()}, writing {@code held} (the weights just read)
     * back unchanged, in one atomic batch, then waits for {@code INSYNC}; retried as {@link #apply} is. Route 53 wants
     * one TTL for every record of a weighted group, so both records always change together.
     *
     * @throws WeightChangeNotConfirmedException when the timeout passes first
     */
    AppliedWeights changeTtl(RecordGroupRef group, Weights held, Duration timeout);

    /** Every record set at the group's name, of any type, weighted or plain (for adopting a plain record). */
    List<RecordAtName> recordsAt(RecordGroupRef group);

    /**
     * Replaces {@code plain} by the group's weighted pair with all traffic on the source, in one atomic batch
     * (DELETE the plain record exactly as read, CREATE both weighted records), then waits for {@code INSYNC}.
     *
     * @throws RecordChangeRejectedException when Route 53 refuses the batch (the record changed since it was read,
     *                                       or a weighted record exists); nothing was changed
     */
    AppliedWeights adoptPlain(RecordGroupRef group, RecordAtName plain, Duration timeout);
}
